import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HistoryPage } from '@crm/application';
import { Readers } from '../auth/roles';
import { IdPipe } from '../http/id.pipe';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { CustomerHistoryQuery } from './customer-history.query';
import { decodeCursor, encodeCursor } from './history-cursor';
import { HistoryPageDoc, HistoryQueryDto } from './history.dto';

@ApiTags('read models')
@NeedsApiKey()
@Readers()
@Controller('v1/customers')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @ApiOperation({
    summary: "Read a customer's relationship history",
    description:
      'One entry per stored event of the customer, unknown types too, in business-time order (occurredAt, then stream version), ' +
      'with a human summary in English and Chinese. Filters by type, category, business time, contact, complaint or order; ' +
      '`knownAt` shows what the system knew then. Pages of `limit` entries (default 50, at most 500): pass `next` as `cursor`.',
  })
  @ApiOkResponse({ type: HistoryPageDoc, description: 'A page of the history.' })
  @ProblemAnswers({ 400: 'A parameter is malformed (named in errors[].path).', 404: 'No such customer.', 410: 'The customer was erased.' })
  async history(@Param('id', IdPipe) id: string, @Query() query: HistoryQueryDto) {
    const page = await this.queries.execute<CustomerHistoryQuery, HistoryPage>(
      new CustomerHistoryQuery({
        customerId: id,
        asOf: query.asOf ? new Date(query.asOf).toISOString() : new Date().toISOString(),
        knownAt: query.knownAt,
        types: query.types?.split(','),
        category: query.category,
        from: query.from,
        to: query.to,
        contactId: query.contactId,
        complaintId: query.complaintId,
        orderId: query.orderId,
        order: query.order ?? 'asc',
        limit: query.limit ? Number(query.limit) : 50,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
      }),
    );
    return { ...page, next: page.next ? encodeCursor(page.next) : null };
  }
}
