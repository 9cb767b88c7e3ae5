import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { BoardFilter, ComplaintBoardAnswer, Runtime } from '@crm/application';
import { RUNTIME } from '../database/database.module';

export class ComplaintBoardQuery {
  constructor(readonly filter: BoardFilter) {}
}

@QueryHandler(ComplaintBoardQuery)
export class ComplaintBoardHandler implements IQueryHandler<ComplaintBoardQuery, ComplaintBoardAnswer> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ filter }: ComplaintBoardQuery): Promise<ComplaintBoardAnswer> {
    return this.runtime.complaints.board(filter);
  }
}
