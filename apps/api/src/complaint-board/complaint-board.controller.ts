import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Readers } from '../auth/roles';
import { asOfOf } from '../http/as-of.dto';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { ComplaintBoardQuery } from './complaint-board.query';
import { ComplaintBoardDoc, ComplaintBoardQueryDto } from './complaint-board.dto';

@ApiTags('read models')
@NeedsApiKey()
@Readers()
@Controller('v1/complaints')
export class ComplaintBoardController {
  constructor(private readonly queries: QueryBus) {}

  @Get('board')
  @ApiOperation({
    summary: 'Read the complaint board',
    description:
      'The complaints open at asOf (filed, acknowledged, escalated or reopened), each with its first responder and owner (首问负责制), escalation level, ' +
      'reopenings, age and SLA due time, sorted by due time; and the mean time to resolve, the SLA attainment and the mean satisfaction of what was resolved and closed by then.',
  })
  @ApiOkResponse({ type: ComplaintBoardDoc, description: 'The board.' })
  @ProblemAnswers({ 400: 'A parameter is malformed or unknown.' })
  board(@Query() query: ComplaintBoardQueryDto) {
    return this.queries.execute(new ComplaintBoardQuery({ asOf: asOfOf(query), owner: query.owner, severity: query.severity }));
  }
}
