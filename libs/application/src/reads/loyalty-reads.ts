import type { EventStore, SqlQueryable } from '@crm/event-store';
import {
  commerce,
  complaintBoard,
  defaultLoyaltyWeights,
  fourDegrees,
  lifetimeValueScores,
  loyaltyEvidence,
  loyaltyIndex,
  quartersWithOrder,
  readCustomerOrders,
  readOrderTotals,
  readLoyaltyFacts,
  rfmScores,
  wholeDaysSince,
  type FourDegrees,
  type LoyaltyComponent,
  type LoyaltyWeights,
  type Rfm,
} from '@crm/projections';
import type { CustomerViews } from '../customer-streams';
import { knownCustomerVersion } from './known-customer';
import { awaitProjections } from './read-your-writes';
import type { TierInputs, ValueReads } from './value-reads';

export interface CustomerLoyalty {
  customerId: string;
  asOf: string;
  rfm: Rfm | null;
  index: number | null;
  /** Why there is no score: the customer has no counted order by asOf. */
  reason?: 'no-purchases';
  components: readonly LoyaltyComponent[];
  degrees: FourDegrees;
}

/** RFM, the loyalty index with its components (001) and the four degrees (003), as of an instant. */
export class LoyaltyReads {
  constructor(
    private readonly views: CustomerViews,
    private readonly store: EventStore,
    private readonly db: SqlQueryable,
    private readonly value: ValueReads,
    private readonly currency = 'CNY',
    private readonly weights: LoyaltyWeights = defaultLoyaltyWeights,
  ) {}

  /** `inputs`: the tier population and year totals at asOf when the caller has read them already. */
  async customer(customerId: string, asOf: string, inputs?: TierInputs): Promise<CustomerLoyalty> {
    await knownCustomerVersion(this.views, customerId);
    // It reads the loyalty evidence, the orders and the complaint filings.
    await awaitProjections(this.db, this.store, loyaltyEvidence.name, commerce.name, complaintBoard.name);
    const T = Date.parse(asOf);
    const [{ population: members, yearTotals }, { totals: lifetimeTotals }, facts, own] = await Promise.all([
      inputs ?? this.value.tierInputs(asOf),
      readOrderTotals(this.db, { asOf, currency: this.currency }),
      readLoyaltyFacts(this.db, customerId, asOf),
      readCustomerOrders(this.db, customerId, { asOf, currency: this.currency }),
    ]);
    // RFM and the lifetime score rank the customer among every customer of C2 with a counted order.
    const inPopulation = new Set(members.map((m) => m.customerId));
    const lifetime = lifetimeTotals.filter((t) => inPopulation.has(t.customerId));
    const inYear = new Map(yearTotals.map((t) => [t.customerId, t]));
    const scored = lifetime.map((t) => ({
      customerId: t.customerId,
      lastOrderAt: t.lastAt,
      frequency: inYear.get(t.customerId)?.orders ?? 0,
      monetaryMinor: inYear.get(t.customerId)?.netMinor ?? 0,
    }));
    const rfm = rfmScores(scored, T).get(customerId) ?? null;
    const tiers = this.value.tiersOf(asOf, members, yearTotals);
    const total = tiers.rows.reduce((s, r) => s + r.valueMinor, 0);
    const tierValue = tiers.rows.find((r) => r.customerId === customerId)?.valueMinor ?? 0;
    const degreesOf = (index: number | null) =>
      fourDegrees({ satisfactionSum: facts.satisfactionSum, satisfactionCount: facts.satisfactionCount, loyaltyIndex: index, tierValueMinor: tierValue, populationTierValueMinor: total });
    if (!rfm || own.length === 0) return { customerId, asOf, rfm: null, index: null, reason: 'no-purchases', components: [], degrees: degreesOf(null) };
    const lifetimeScores = lifetimeValueScores(lifetime.map((t) => ({ customerId: t.customerId, lifetimeNetMinor: t.netMinor })));
    const { index, components } = loyaltyIndex({
      quartersWithOrder: quartersWithOrder(own.map((o) => o.at), T),
      distinctCategories: new Set(own.flatMap((o) => o.categories)).size,
      referredCustomers: facts.referredCustomers,
      referredWithPurchase: facts.referredWithPurchase,
      competitorOutcomes: facts.competitorOutcomes,
      eligibleComplaints: facts.eligibleComplaints,
      stayedAfterComplaint: facts.stayedAfterComplaint,
      daysSinceFirstOrder: wholeDaysSince(Math.min(...own.map((o) => o.at)), T),
      f: rfm.f,
      m: rfm.m,
      l: lifetimeScores.get(customerId)!,
    }, this.weights);
    return { customerId, asOf, rfm, index, components, degrees: degreesOf(index) };
  }
}
