/** A read names a customer that was never registered (404). */
export class CustomerNotFound extends Error {
  constructor(readonly customerId: string) {
    super(`There is no customer ${customerId}.`);
    this.name = 'CustomerNotFound';
  }
}
