import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Readers } from '../auth/roles';
import { asOfOf, AsOfQueryDto } from '../http/as-of.dto';
import { IdPipe } from '../http/id.pipe';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { CustomerLifecycleQuery, FunnelQuery } from './lifecycle.queries';
import { CustomerLifecycleDoc, FunnelDoc, FunnelQueryDto } from './lifecycle.dto';

const ladder =
  'Stages (002): suspect, prospect, first-time-buyer, repeat-buyer, client (2+ purchases and 4 in the year or a friend-level relationship), ' +
  'advocate (a client who refers or answers NPS 9+), partner; disqualified and lapsed (churned, or no purchase for 365 days) outside the ladder.';

@ApiTags('read models')
@NeedsApiKey()
@Readers()
@Controller('v1')
export class LifecycleController {
  constructor(private readonly queries: QueryBus) {}

  @Get('customers/:id/lifecycle')
  @ApiOperation({ summary: "Read a customer's lifecycle stage and its history", description: `The stage as of asOf, since when, and every stay before it. ${ladder}` })
  @ApiOkResponse({ type: CustomerLifecycleDoc, description: 'The stage and its history.' })
  @ProblemAnswers({ 400: 'The id or asOf is malformed, or an unknown parameter is sent.', 404: 'No such customer.', 410: 'The customer was erased.' })
  customer(@Param('id', IdPipe) id: string, @Query() query: AsOfQueryDto) {
    return this.queries.execute(new CustomerLifecycleQuery(id, asOfOf(query)));
  }

  @Get('analytics/funnel')
  @ApiOperation({
    summary: 'Read the lifecycle funnel of a registration cohort',
    description: `For each stage of the ladder: customers in it at asOf, customers that reached it or beyond, the conversion to the next, and the median days spent in it. ${ladder}`,
  })
  @ApiOkResponse({ type: FunnelDoc, description: 'The funnel.' })
  @ProblemAnswers({ 400: 'A parameter is malformed or unknown.' })
  funnel(@Query() query: FunnelQueryDto) {
    return this.queries.execute(new FunnelQuery({ asOf: asOfOf(query), registeredFrom: query.registeredFrom, registeredTo: query.registeredTo }));
  }
}
