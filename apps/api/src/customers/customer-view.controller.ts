import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CustomerViews } from '@crm/application';
import { CustomerErasedError } from '@crm/domain';
import { Readers } from '../auth/roles';
import { HttpExchange, type Exchange } from '../http/exchange';
import { IdPipe } from '../http/id.pipe';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { CustomerViewDoc, MoneyTotalsDoc } from './customer-view.dto';

/** The read side of a customer: its current view. */
@ApiTags('customers')
@NeedsApiKey()
@Readers()
@Controller('v1/customers')
export class CustomerViewController {
  constructor(private readonly views: CustomerViews) {}

  @Get(':id')
  @ApiOperation({
    summary: 'Read the customer view',
    description:
      'The customer as of its last event: profile card, manager, qualification, ratings, contacts and org chart, complaints with their SLA due times, ' +
      'purchase totals per currency, interactions, planned visits, surveys and market facts. `ETag` is the stream version; `If-None-Match` with it answers 304.',
  })
  @ApiExtraModels(MoneyTotalsDoc)
  @ApiOkResponse({
    type: CustomerViewDoc,
    description: 'The customer view.',
    headers: { ETag: { description: 'The stream version, e.g. "3".', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current version.' })
  @ProblemAnswers({
    400: 'The id is malformed, or a query parameter is sent: this route takes none.',
    404: 'No such customer.',
    410: 'The customer was erased.',
  })
  async get(@Param('id', IdPipe) id: string, @HttpExchange() { request, reply }: Exchange) {
    const { version, state } = await this.views.load(id, true);
    if (!state) throw new NotFoundException(`There is no customer ${id}.`);
    if (state.status === 'erased') throw new CustomerErasedError(id);
    const etag = `"${version}"`;
    void reply.header('etag', etag);
    if (request.headers['if-none-match'] === etag) return void reply.status(304);
    return state;
  }
}
