import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Readers } from '../auth/roles';
import { asOfOf } from '../http/as-of.dto';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { CareAgendaQuery } from './care-agenda.query';
import { CareAgendaDoc, CareAgendaQueryDto, careWindowOf } from './care-agenda.dto';

@ApiTags('read models')
@NeedsApiKey()
@Readers()
@Controller('v1')
export class CareAgendaController {
  constructor(private readonly queries: QueryBus) {}

  @Get('care-agenda')
  @ApiOperation({
    summary: 'Read the care agenda',
    description:
      'Care (003: 节假日、生日进行慰问走访; 004: 保持关怀频率) as of asOf: the birthdays, family birthdays, anniversaries and contacts’ birthdays falling on the local dates ' +
      'from today to today + days in the time zone; the visits due by asOf + days at the tier’s cadence (key 7, general 28, small 56 days by default) counted from ' +
      'the last visit or meeting, else the registration; and the customers with no interaction for more than twice their cadence.',
  })
  @ApiOkResponse({ type: CareAgendaDoc, description: 'The agenda.' })
  @ProblemAnswers({ 400: 'A parameter is malformed or unknown.' })
  agenda(@Query() query: CareAgendaQueryDto) {
    return this.queries.execute(new CareAgendaQuery({ asOf: asOfOf(query), ...careWindowOf(query), managerId: query.managerId }));
  }
}
