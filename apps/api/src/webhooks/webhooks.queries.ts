import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Runtime } from '@crm/application';
import type { DeadLetter, WebhookDelivery, WebhookRegistration, WebhookStatus } from '@crm/subscriptions';
import { RUNTIME } from '../database/database.module';

export class RegisterWebhook {
  constructor(readonly registration: WebhookRegistration) {}
}

@CommandHandler(RegisterWebhook)
export class RegisterWebhookHandler implements ICommandHandler<RegisterWebhook, { id: string; secret: string }> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ registration }: RegisterWebhook) {
    return this.runtime.subscriptions.webhooks.register(registration);
  }
}

export class ListWebhooksQuery {}

@QueryHandler(ListWebhooksQuery)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooksQuery, WebhookStatus[]> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute() {
    return this.runtime.subscriptions.webhooks.list();
  }
}

export class WebhookStatusQuery {
  constructor(readonly id: string) {}
}

@QueryHandler(WebhookStatusQuery)
export class WebhookStatusHandler implements IQueryHandler<WebhookStatusQuery, WebhookStatus> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ id }: WebhookStatusQuery) {
    return this.runtime.subscriptions.webhooks.status(id);
  }
}

export class WebhookDeliveriesQuery {
  constructor(
    readonly id: string,
    readonly limit: number,
    readonly before?: number,
  ) {}
}

@QueryHandler(WebhookDeliveriesQuery)
export class WebhookDeliveriesHandler implements IQueryHandler<WebhookDeliveriesQuery, WebhookDelivery[]> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ id, limit, before }: WebhookDeliveriesQuery) {
    return this.runtime.subscriptions.webhooks.deliveries(id, limit, before);
  }
}

export class DeadLettersQuery {
  constructor(
    readonly id: string,
    readonly limit: number,
    readonly after?: number,
  ) {}
}

@QueryHandler(DeadLettersQuery)
export class DeadLettersHandler implements IQueryHandler<DeadLettersQuery, DeadLetter[]> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ id, limit, after }: DeadLettersQuery) {
    return this.runtime.subscriptions.webhooks.deadLetters(id, limit, after);
  }
}

export class RedeliverDeadLetters {
  constructor(
    readonly id: string,
    readonly eventIds?: readonly string[],
  ) {}
}

@CommandHandler(RedeliverDeadLetters)
export class RedeliverDeadLettersHandler implements ICommandHandler<RedeliverDeadLetters, string[]> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ id, eventIds }: RedeliverDeadLetters) {
    return this.runtime.subscriptions.webhooks.redeliver(id, eventIds);
  }
}

export class EnableWebhook {
  constructor(readonly id: string) {}
}

@CommandHandler(EnableWebhook)
export class EnableWebhookHandler implements ICommandHandler<EnableWebhook, WebhookStatus> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ id }: EnableWebhook) {
    return this.runtime.subscriptions.webhooks.enable(id);
  }
}

export class RemoveWebhook {
  constructor(readonly id: string) {}
}

@CommandHandler(RemoveWebhook)
export class RemoveWebhookHandler implements ICommandHandler<RemoveWebhook, void> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ id }: RemoveWebhook) {
    return this.runtime.subscriptions.webhooks.remove(id);
  }
}
