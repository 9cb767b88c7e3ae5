import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AuditPage, Runtime } from '@crm/application';
import type { AuditFilter } from '@crm/projections';
import { RUNTIME } from '../database/database.module';

/** Read one page of the audit trail (the QueryBus's message). */
export class AuditTrailQuery {
  constructor(readonly filter: AuditFilter) {}
}

@QueryHandler(AuditTrailQuery)
export class AuditTrailHandler implements IQueryHandler<AuditTrailQuery, AuditPage> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ filter }: AuditTrailQuery): Promise<AuditPage> {
    return this.runtime.audit.read(filter);
  }
}
