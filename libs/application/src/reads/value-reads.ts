import type { EventStore, SqlQueryable } from '@crm/event-store';
import {
  assignTiers,
  commerce,
  deciles,
  defaultTierPolicy,
  readOrderTotals,
  readPopulation,
  valueMetric,
  type DecileAnalysis,
  type OrderTotals,
  type PopulationMember,
  type TierPolicy,
  type TierRow,
  type ValueMetric,
} from '@crm/projections';
import type { CustomerViews } from '../customer-streams';
import { iso, yearMs } from './instants';
import { knownCustomerVersion } from './known-customer';
import { awaitProjections } from './read-your-writes';

export interface TierAnalysis {
  asOf: string;
  metric: ValueMetric;
  policy: TierPolicy;
  counts: Record<'key' | 'general' | 'small', number>;
  rows: readonly TierRow[];
}

/** The tier population at T and its customers' totals of the tier year. */
export interface TierInputs {
  population: readonly PopulationMember[];
  yearTotals: readonly OrderTotals[];
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
    const { population, yearTotals } = await this.tierInputs(asOf);
    return this.tiersOf(asOf, population, yearTotals);
  }

  /** What the tiers at T are computed from, read once for a read that also needs it for itself (the 360's loyalty). */
  async tierInputs(asOf: string): Promise<TierInputs> {
    await this.caughtUp();
    const [population, year] = await Promise.all([readPopulation(this.db, asOf), this.yearTotals(asOf)]);
    return { population, yearTotals: year.totals };
  }

  /** Each customer's counted orders of the tier year (the 365 days up to T), summed. */
  yearTotals(asOf: string): ReturnType<typeof readOrderTotals> {
    return readOrderTotals(this.db, { asOf, from: iso(Date.parse(asOf) - yearMs), currency: this.currency });
  }

  /** The tiers at T of a population read as of T, from its customers' totals of the tier year: for a read that has loaded them for its own use too. */
  tiersOf(asOf: string, population: readonly PopulationMember[], yearTotals: readonly OrderTotals[]): TierAnalysis {
    const members = population.filter((m) => !m.disqualified);
    const inPopulation = new Set(members.map((m) => m.customerId));
    const counted = yearTotals.filter((t) => inPopulation.has(t.customerId));
    const metric = valueMetric(counted.every((t) => t.profitMinor !== null));
    const value = new Map(counted.map((t) => [t.customerId, metric === 'profit' ? t.profitMinor! : t.netMinor]));
    const assignment = assignTiers(
      members.map((m) => ({ customerId: m.customerId, valueMinor: value.get(m.customerId) ?? 0, ...(m.override ? { override: m.override } : {}) })),
      this.policy,
    );
    return { asOf, metric, policy: this.policy, counts: { ...assignment.counts }, rows: assignment.rows };
  }

  async customerTier(customerId: string, asOf: string, inputs?: TierInputs): Promise<CustomerTier> {
    await knownCustomerVersion(this.views, customerId);
    const { population, yearTotals } = inputs ?? (await this.tierInputs(asOf));
    const { metric, policy, rows } = this.tiersOf(asOf, population, yearTotals);
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
    const { totals, excludedOrders, excludedErased } = await readOrderTotals(this.db, { asOf, from, currency: this.currency });
    const { excludedNonPositive: _none, ...analysis } = deciles(
      totals.map((t) => ({ customerId: t.customerId, revenueMinor: t.netMinor, profitMinor: t.profitMinor })),
      { by },
    );
    return { asOf, from: from ?? null, ...analysis, excludedErased, excludedOrders };
  }

  private async caughtUp(): Promise<void> {
    await awaitProjections(this.db, this.store, commerce.name);
  }
}
