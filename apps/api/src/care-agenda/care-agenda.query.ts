import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AgendaRequest, CareAgendaAnswer, Runtime } from '@crm/application';
import { RUNTIME } from '../database/database.module';

export class CareAgendaQuery {
  constructor(readonly request: AgendaRequest) {}
}

@QueryHandler(CareAgendaQuery)
export class CareAgendaHandler implements IQueryHandler<CareAgendaQuery, CareAgendaAnswer> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ request }: CareAgendaQuery): Promise<CareAgendaAnswer> {
    return this.runtime.care.agenda(request);
  }
}
