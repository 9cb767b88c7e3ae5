import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CustomerListPage, CustomerListRequest, Runtime } from '@crm/application';
import { RUNTIME } from '../database/database.module';

export class CustomerListQuery {
  constructor(readonly request: CustomerListRequest) {}
}

@QueryHandler(CustomerListQuery)
export class CustomerListHandler implements IQueryHandler<CustomerListQuery, CustomerListPage> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ request }: CustomerListQuery): Promise<CustomerListPage> {
    return this.runtime.customers.list(request);
  }
}
