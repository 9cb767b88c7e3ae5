import type { EventStore, SqlQueryable } from '@crm/event-store';
import {
  assignTiers,
  commerce,
  deciles,
  defaultTierPolicy,
  orderProfit,
  readCountedOrders,
  readPopulation,
  valueMetric,
  type CountedOrder,
  type DecileAnalysis,
  type PopulationMember,
  type TierPolicy,
  type TierRow,
  type ValueMetric,
} from '@crm/projections';
import type { CustomerViews } from '../customer-streams';
import { iso, yearMs } from './instants';
import { knownCustomerVersion } from './known-customer';
import { awaitProjection } from './read-your-writes';

export interface TierAnalysis {
  asOf: string;
  metric: ValueMetric;
  policy: TierPolicy;
  counts: Record<'key' | 'general' | 'small', number>;
  rows: readonly TierRow[];
}

export interface CustomerTier {
  customerId: string;
  asOf: string;
  /** Null when the customer is not in the tier population at asOf (registered later, or disqualified). */
  tier: TierRow['tier'] | null;
  source: TierRow['source'] | null;
  computedTier: TierRow['tier'] | null;
  reason?: string;
  rank: number | null;
  valueMinor: number;
  metric: ValueMetric;
  policy: TierPolicy;
}

export type DecileAnswer = Omit<DecileAnalysis, 'excludedNonPositive'> & {
  asOf: string;
  from: string | null;
  excludedErased: number;
  excludedOrders: number;
};

/** Tiers (000: 重点/一般/小) and decile analyses (002) from the commerce read model, as of an instant. */
export class ValueReads {
  constructor(
    private readonly views: CustomerViews,
    private readonly store: EventStore,
    private readonly db: SqlQueryable,
    private readonly currency = 'CNY',
    private readonly policy: TierPolicy = defaultTierPolicy,
  ) {}

  async tiers(asOf: string): Promise<TierAnalysis> {
    await this.caughtUp();
    const population = await readPopulation(this.db, asOf);
    const { orders } = await readCountedOrders(this.db, { asOf, from: iso(Date.parse(asOf) - yearMs), currency: this.currency });
    return this.tiersOf(asOf, population, orders);
  }

  /**
   * The tiers at T of a population read as of T, from its counted orders (any that are older
   * than the tier year are left out): for a read that has loaded them for its own use too.
   */
  tiersOf(asOf: string, population: readonly PopulationMember[], orders: readonly CountedOrder[]): TierAnalysis {
    const T = Date.parse(asOf);
    const members = population.filter((m) => !m.disqualified);
    const inPopulation = new Set(members.map((m) => m.customerId));
    const counted = orders.filter((o) => inPopulation.has(o.customerId) && T - o.at <= yearMs);
    const metric = valueMetric(counted.every((o) => o.costMinor !== null));
    const value = new Map<string, number>();
    for (const o of counted) value.set(o.customerId, (value.get(o.customerId) ?? 0) + valueOf(o, metric));
    const assignment = assignTiers(
      members.map((m) => ({ customerId: m.customerId, valueMinor: value.get(m.customerId) ?? 0, ...(m.override ? { override: m.override } : {}) })),
      this.policy,
    );
    return { asOf, metric, policy: this.policy, counts: { ...assignment.counts }, rows: assignment.rows };
  }

  async customerTier(customerId: string, asOf: string): Promise<CustomerTier> {
    await knownCustomerVersion(this.views, customerId);
    const { metric, policy, rows } = await this.tiers(asOf);
    const row = rows.find((r) => r.customerId === customerId);
    return {
      customerId,
      asOf,
      tier: row?.tier ?? null,
      source: row?.source ?? null,
      computedTier: row?.computedTier ?? null,
      ...(row?.reason !== undefined ? { reason: row.reason } : {}),
      rank: row?.rank ?? null,
      valueMinor: row?.valueMinor ?? 0,
      metric,
      policy,
    };
  }

  async deciles(asOf: string, from: string | undefined, by: ValueMetric): Promise<DecileAnswer> {
    await this.caughtUp();
    const { orders, excludedOrders, excludedErased } = await readCountedOrders(this.db, { asOf, from, currency: this.currency });
    const byCustomer = new Map<string, { revenueMinor: number; profitMinor: number | null }>();
    for (const o of orders) {
      const sums = byCustomer.get(o.customerId) ?? { revenueMinor: 0, profitMinor: 0 };
      sums.revenueMinor += o.netMinor;
      sums.profitMinor = sums.profitMinor === null || o.costMinor === null ? null : sums.profitMinor + valueOf(o, 'profit');
      byCustomer.set(o.customerId, sums);
    }
    const { excludedNonPositive: _none, ...analysis } = deciles(
      [...byCustomer].map(([customerId, sums]) => ({ customerId, ...sums })),
      { by },
    );
    return { asOf, from: from ?? null, ...analysis, excludedErased, excludedOrders };
  }

  private async caughtUp(): Promise<void> {
    await awaitProjection(this.db, this.store, commerce.name);
  }
}

/** An order's value in the metric: its net revenue, or its profit (C4). */
function valueOf(order: CountedOrder, metric: ValueMetric): number {
  return metric === 'profit' && order.costMinor !== null ? orderProfit(order.netMinor, order.costMinor, order.amountMinor) : order.netMinor;
}
