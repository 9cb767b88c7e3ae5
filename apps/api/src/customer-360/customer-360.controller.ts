import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Readers } from '../auth/roles';
import { CareWindowQueryDto, careWindowOf } from '../care-agenda/care-agenda.dto';
import { asOfOf } from '../http/as-of.dto';
import { IdPipe } from '../http/id.pipe';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { Customer360Doc } from './customer-360.dto';
import { Customer360Query } from './customer-360.query';

@ApiTags('read models')
@NeedsApiKey()
@Readers()
@Controller('v1/customers')
export class Customer360Controller {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/360')
  @ApiOperation({
    summary: 'Read one customer from every angle (its 360)',
    description:
      'As of asOf: the customer view, its lifecycle stage and history, tier, RFM, loyalty index and 四度, the org chart with levels, roles, 内线 and relationship levels, ' +
      'coverage per level, the last interaction and the next planned visit, its open complaints, its care items in the window (days, timeZone), ' +
      'credit and star ratings, compliance violations and competitor contacts.',
  })
  @ApiOkResponse({ type: Customer360Doc, description: 'The customer from every angle.' })
  @ProblemAnswers({ 400: 'The id or a parameter is malformed, or an unknown parameter is sent.', 404: 'No such customer.', 410: 'The customer was erased.' })
  customer(@Param('id', IdPipe) id: string, @Query() query: CareWindowQueryDto) {
    return this.queries.execute(new Customer360Query({ customerId: id, asOf: asOfOf(query), ...careWindowOf(query) }));
  }
}
