import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CustomerListPage, CustomerSortKey } from '@crm/application';
import { Readers } from '../auth/roles';
import { asOfOf } from '../http/as-of.dto';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { RequestValidationError } from '../http/validation';
import { decodeListCursor, encodeListCursor } from './customer-list-cursor';
import { CustomerListQuery } from './customer-list.query';
import { CustomerListDoc, CustomerListQueryDto } from './customer-list.dto';

@ApiTags('read models')
@NeedsApiKey()
@Readers()
@Controller('v1/customers')
export class CustomerListController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'List customers',
    description:
      'The customers registered and not erased at asOf, with their lifecycle stage, tier and account manager then, their last interaction and their net revenue; ' +
      'filtered by stage, tier, manager and a text in the name or id, sorted by one key. Pages of `limit` customers: pass `next` as `cursor`, which keeps the asOf and sort.',
  })
  @ApiOkResponse({ type: CustomerListDoc, description: 'A page of customers.' })
  @ProblemAnswers({ 400: 'A parameter is malformed or unknown, or the cursor belongs to another asOf or sort.' })
  async list(@Query() query: CustomerListQueryDto) {
    const sort = query.sort ?? 'customerId';
    const position = query.cursor ? decodeListCursor(query.cursor, sort) : undefined;
    if (position && query.asOf && asOfOf(query) !== position.asOf) {
      throw new RequestValidationError([{ path: 'asOf', message: `the cursor continues the list as of ${position.asOf}` }]);
    }
    const asOf = position?.asOf ?? asOfOf(query);
    const page = await this.queries.execute<CustomerListQuery, CustomerListPage>(
      new CustomerListQuery({
        asOf,
        stage: query.stage,
        tier: query.tier,
        managerId: query.managerId,
        q: query.q,
        sort: { key: sort.replace(/^-/, '') as CustomerSortKey, descending: sort.startsWith('-') },
        limit: query.limit ? Number(query.limit) : 50,
        after: position?.after,
      }),
    );
    return { ...page, next: page.next ? encodeListCursor({ asOf, sort, after: page.next }) : null };
  }
}
