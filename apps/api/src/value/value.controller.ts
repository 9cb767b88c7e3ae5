import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TierAnalysis } from '@crm/application';
import { Readers } from '../auth/roles';
import { asOfOf, AsOfQueryDto } from '../http/as-of.dto';
import { IdPipe } from '../http/id.pipe';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { CustomerLoyaltyDoc } from './loyalty.dto';
import { CustomerLoyaltyQuery, CustomerTierQuery, DecilesQuery, TiersQuery } from './value.queries';
import { CustomerTierDoc, DecilesDoc, DecilesQueryDto, TiersDoc, TiersQueryDto } from './value.dto';

const tierRule =
  'Tiers (000): the customers registered, not erased and not disqualified, ranked by their counted orders of the last 365 days (profit when every such order has a cost, ' +
  'else net revenue; value descending, then id): the top 10% (rounded up) key, up to 40% general, the rest small; a value of 0 or less is always small. ' +
  'The latest manual designation (TierOverridden) wins and is shown as such; it moves nobody else.';

@ApiTags('read models')
@NeedsApiKey()
@Readers()
@Controller('v1')
export class ValueController {
  constructor(private readonly queries: QueryBus) {}

  @Get('customers/:id/tier')
  @ApiOperation({ summary: "Read a customer's tier", description: tierRule })
  @ApiOkResponse({ type: CustomerTierDoc, description: 'The tier, how it was reached, and the rank.' })
  @ProblemAnswers({ 400: 'The id or asOf is malformed, or an unknown parameter is sent.', 404: 'No such customer.', 410: 'The customer was erased.' })
  customerTier(@Param('id', IdPipe) id: string, @Query() query: AsOfQueryDto) {
    return this.queries.execute(new CustomerTierQuery(id, asOfOf(query)));
  }

  @Get('customers/:id/loyalty')
  @ApiOperation({
    summary: "Read a customer's RFM scores, loyalty index and four degrees",
    description:
      'RFM (recency, frequency and monetary value of the counted orders, each scored 1-5 among the customers with one); the 0-100 loyalty index ' +
      '(001: repeat purchase, cross-category buying, referrals, competitor resistance, staying after complaints, duration, frequency and revenue, lifetime value) ' +
      'with every component, its weight, value and inputs; and 四度 (003). A customer with no counted order has none: reason no-purchases.',
  })
  @ApiOkResponse({ type: CustomerLoyaltyDoc, description: 'The scores and their components.' })
  @ProblemAnswers({ 400: 'The id or asOf is malformed, or an unknown parameter is sent.', 404: 'No such customer.', 410: 'The customer was erased.' })
  loyalty(@Param('id', IdPipe) id: string, @Query() query: AsOfQueryDto) {
    return this.queries.execute(new CustomerLoyaltyQuery(id, asOfOf(query)));
  }

  @Get('analytics/tiers')
  @ApiOperation({ summary: 'Read the tiers of every customer', description: `${tierRule} Pages of \`limit\` customers in rank order.` })
  @ApiOkResponse({ type: TiersDoc, description: 'Counts per tier and the ranked customers.' })
  @ProblemAnswers({ 400: 'A parameter is malformed or unknown.' })
  async tiers(@Query() query: TiersQueryDto) {
    const analysis = await this.queries.execute<TiersQuery, TierAnalysis>(new TiersQuery(asOfOf(query)));
    const chosen = analysis.rows.filter((r) => (query.tier === undefined || r.tier === query.tier) && r.rank > Number(query.cursor ?? 0));
    const limit = query.limit ? Number(query.limit) : 100;
    const page = chosen.slice(0, limit);
    return {
      asOf: analysis.asOf,
      metric: analysis.metric,
      policy: analysis.policy,
      counts: analysis.counts,
      customers: page,
      next: chosen.length > limit ? String(page[page.length - 1].rank) : null,
    };
  }

  @Get('analytics/deciles')
  @ApiOperation({
    summary: 'Read the monetary and purchase decile analyses',
    description:
      'Customers with net revenue above 0 in the period (002): the monetary deciles (ten equal-count groups by revenue, their share, cumulative share and profit share), ' +
      'the purchase deciles (how many customers make each successive tenth of revenue) and the benchmarks (top 10% and 20% shares, the customers that make the first tenth).',
  })
  @ApiOkResponse({ type: DecilesDoc, description: 'The analyses.' })
  @ProblemAnswers({ 400: 'A parameter is malformed or unknown.' })
  deciles(@Query() query: DecilesQueryDto) {
    return this.queries.execute(new DecilesQuery(asOfOf(query), query.from, query.by ?? 'revenue'));
  }
}
