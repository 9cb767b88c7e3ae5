/** What an integrator names does not exist: a consumer group, a webhook (404). */
export class SubscriptionNotFound extends Error {
  constructor(
    readonly entity: 'consumer-group' | 'webhook',
    readonly id: string,
  ) {
    super(`There is no ${entity.replace('-', ' ')} ${id}.`);
    this.name = 'SubscriptionNotFound';
  }
}

/** A consumer group of that name exists with another definition (409). */
export class SubscriptionConflict extends Error {
  constructor(
    readonly entity: 'consumer-group' | 'webhook',
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'SubscriptionConflict';
  }
}
