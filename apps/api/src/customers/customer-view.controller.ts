import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CustomerErasedError } from '../../../../libs/domain/src';
import { Readers } from '../auth/roles';
import { HttpExchange, type Exchange } from '../http/exchange';
import { IdPipe } from '../http/id.pipe';
import { ProblemDoc } from '../http/openapi';
import { CustomerViews } from './customer-streams';

/** The read side of a customer: its current view. */
@ApiTags('customers')
@ApiBearerAuth()
@Readers()
@Controller('v1/customers')
export class CustomerViewController {
  constructor(private readonly views: CustomerViews) {}

  /** The customer as of its last event; `ETag` is the stream version, `If-None-Match` answers 304. */
  @Get(':id')
  @ApiResponse({ status: 200, description: 'The customer view: profile card, manager, contacts and org chart, ratings, complaints, purchases, interactions.' })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current version.' })
  @ApiResponse({ status: 404, description: 'No such customer.', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDoc) } } } })
  @ApiResponse({ status: 410, description: 'The customer was erased.', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDoc) } } } })
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
