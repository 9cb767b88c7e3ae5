import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CustomerStateAsOf, CustomerStateRequest, Runtime } from '@crm/application';
import { RUNTIME } from '../database/database.module';

/** Read the customer as of a business time and a knowledge time (the QueryBus's message). */
export class CustomerStateQuery {
  constructor(readonly request: CustomerStateRequest) {}
}

@QueryHandler(CustomerStateQuery)
export class CustomerStateHandler implements IQueryHandler<CustomerStateQuery, CustomerStateAsOf> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ request }: CustomerStateQuery): Promise<CustomerStateAsOf> {
    return this.runtime.customerState.state(request);
  }
}
