import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { HistoryPage, Runtime } from '@crm/application';
import type { HistoryFilter } from '@crm/projections';
import { RUNTIME } from '../database/database.module';

/** Read one page of a customer's relationship history (the QueryBus's message). */
export class CustomerHistoryQuery {
  constructor(readonly filter: HistoryFilter) {}
}

@QueryHandler(CustomerHistoryQuery)
export class CustomerHistoryHandler implements IQueryHandler<CustomerHistoryQuery, HistoryPage> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ filter }: CustomerHistoryQuery): Promise<HistoryPage> {
    return this.runtime.history.read(filter);
  }
}
