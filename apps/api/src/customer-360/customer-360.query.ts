import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Customer360, Customer360Request, Runtime } from '@crm/application';
import { RUNTIME } from '../database/database.module';

export class Customer360Query {
  constructor(readonly request: Customer360Request) {}
}

@QueryHandler(Customer360Query)
export class Customer360Handler implements IQueryHandler<Customer360Query, Customer360> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ request }: Customer360Query): Promise<Customer360> {
    return this.runtime.customer360.customer(request);
  }
}
