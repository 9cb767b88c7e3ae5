/**
 * Loyalty index 0-100 (001's indicators: 周期性重复购买, 购买其他产品, 推荐, 对竞品视而不见,
 * 容忍失误, 关系持续时间, 交易频率及营业额, 生命周期价值). Each component is an exact rational
 * in [0, 1]; the index is round_half_up(Σ weight × value) computed exactly (C7), so 72.5 is
 * 73 whatever the order of addition. Only RFM-scored customers get an index; the SQL hands
 * over the per-customer evidence as of T and this file turns it into the answer.
 */
import type { CompetitorContactOutcome } from '@crm/domain';
import { HALF, ONE, type Rational, ZERO, add, compare, fromDecimal, max, min, mul, rational, toNumber } from './exact';
import { roundHalfUp } from './money';
import { type QuintileScore, quintileScores } from './quintiles';
import { DAY_MS } from './rfm';

export const loyaltyComponentNames = [
  'repeat',
  'crossCategory',
  'referrals',
  'competitorResistance',
  'complaintTolerance',
  'duration',
  'frequencyRevenue',
  'lifetimeValue',
] as const;
export type LoyaltyComponentName = (typeof loyaltyComponentNames)[number];

/** Points per component; a setting, summing to 100. */
export type LoyaltyWeights = Readonly<Record<LoyaltyComponentName, number>>;

export const defaultLoyaltyWeights: LoyaltyWeights = Object.freeze({
  repeat: 20,
  crossCategory: 10,
  referrals: 10,
  competitorResistance: 15,
  complaintTolerance: 10,
  duration: 10,
  frequencyRevenue: 15,
  lifetimeValue: 10,
});

const exactWeights = new WeakMap<LoyaltyWeights, Readonly<Record<LoyaltyComponentName, Rational>>>();

/** Each weight as the exact decimal it is written as; fails unless all are >= 0 and sum to 100. */
function weightsExactly(weights: LoyaltyWeights): Readonly<Record<LoyaltyComponentName, Rational>> {
  const known = exactWeights.get(weights);
  if (known) return known;
  const unknown = Object.keys(weights).filter((name) => !(loyaltyComponentNames as readonly string[]).includes(name));
  if (unknown.length > 0) throw new RangeError(`Unknown loyalty components: ${unknown.join(', ')}.`);
  let sum = ZERO;
  const exact = {} as Record<LoyaltyComponentName, Rational>;
  for (const name of loyaltyComponentNames) {
    const weight = fromDecimal(weights[name], `loyalty weight ${name}`);
    if (compare(weight, ZERO) < 0) throw new RangeError(`The loyalty weight ${name} must not be negative.`);
    exact[name] = weight;
    sum = add(sum, weight);
  }
  if (compare(sum, rational(100)) !== 0) {
    throw new RangeError(`The loyalty weights must sum to 100, not ${toNumber(sum)}.`);
  }
  exactWeights.set(weights, exact);
  return exact;
}

/** The default weights with some replaced; a misconfiguration fails at start-up. */
export function loyaltyWeights(overrides: Partial<LoyaltyWeights> = {}): LoyaltyWeights {
  const weights = Object.freeze({ ...defaultLoyaltyWeights, ...overrides });
  weightsExactly(weights);
  return weights;
}

/** One scored customer's evidence as of T. */
export interface LoyaltyEvidence {
  /** Quarters k = 1..4 with a counted order in (T - 91k d, T - 91(k-1) d]; see `quartersWithOrder`. */
  readonly quartersWithOrder: number;
  /** Distinct `lines[].category` over the counted orders. */
  readonly distinctCategories: number;
  /** Distinct customers this one referred (ReferralMade at or before T). */
  readonly referredCustomers: number;
  /** Of those, the ones with a purchase at or before T. */
  readonly referredWithPurchase: number;
  /** Outcomes of the competitor contacts observed at or before T. */
  readonly competitorOutcomes: readonly CompetitorContactOutcome[];
  /** Complaints filed at or before T - 90 days. */
  readonly eligibleComplaints: number;
  /** Of those, the ones followed by a purchase after the filing. */
  readonly stayedAfterComplaint: number;
  /** Whole days since the first counted order (`wholeDaysSince(first, T)`). */
  readonly daysSinceFirstOrder: number;
  /** The RFM frequency and monetary scores. */
  readonly f: QuintileScore;
  readonly m: QuintileScore;
  /** The C6 score of lifetime net revenue (`lifetimeValueScores`). */
  readonly l: QuintileScore;
}

export interface LoyaltyComponent {
  readonly name: LoyaltyComponentName;
  readonly weight: number;
  /** In [0, 1]. */
  readonly value: number;
  readonly inputs: Readonly<Record<string, number>>;
}

export interface LoyaltyAnswer {
  readonly index: number;
  readonly components: readonly LoyaltyComponent[];
}

interface ExactComponent {
  readonly value: Rational;
  readonly inputs: Readonly<Record<string, number>>;
}

function count(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a count, not ${value}.`);
  return value;
}

function part(of: number, whole: number, what: string, wholeWhat: string): void {
  if (of > whole) throw new RangeError(`${what} (${of}) cannot exceed ${wholeWhat} (${whole}).`);
}

function score(value: number, what: string): QuintileScore {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw new RangeError(`${what} must be a score 1-5, not ${value}.`);
  return value as QuintileScore;
}

/** Every component's exact value and raw inputs, in the table's order. */
export function loyaltyComponents(evidence: LoyaltyEvidence): Readonly<Record<LoyaltyComponentName, ExactComponent>> {
  const q = count(evidence.quartersWithOrder, 'Quarters with an order');
  if (q > 4) throw new RangeError(`Quarters with an order cannot exceed 4, not ${q}.`);
  const k = count(evidence.distinctCategories, 'Distinct categories');
  const r = count(evidence.referredCustomers, 'Referred customers');
  const e = count(evidence.referredWithPurchase, 'Referred customers with a purchase');
  part(e, r, 'Referred customers with a purchase', 'referred customers');
  const eligible = count(evidence.eligibleComplaints, 'Eligible complaints');
  const stayed = count(evidence.stayedAfterComplaint, 'Complaints followed by a purchase');
  part(stayed, eligible, 'Complaints followed by a purchase', 'eligible complaints');
  const days = count(evidence.daysSinceFirstOrder, 'Days since the first order');
  const f = score(evidence.f, 'The frequency score');
  const m = score(evidence.m, 'The monetary score');
  const l = score(evidence.l, 'The lifetime value score');
  const outcomes = { resisted: 0, 'partially-switched': 0, switched: 0 };
  for (const outcome of evidence.competitorOutcomes) {
    if (!(outcome in outcomes)) throw new RangeError(`Unknown competitor contact outcome ${outcome}.`);
    outcomes[outcome] += 1;
  }
  const contacts = evidence.competitorOutcomes.length;

  return {
    repeat: { value: rational(q, 4), inputs: { quartersWithOrder: q } },
    // A single category (or none recorded) is no cross-buying: clamp (k - 1)/2 into [0, 1].
    crossCategory: { value: max(ZERO, min(ONE, rational(k - 1, 2))), inputs: { distinctCategories: k } },
    // (e + 0.5 (r - e)) / 2 = (r + e) / 4; no referrals give 0.
    referrals: {
      value: min(ONE, rational(r + e, 4)),
      inputs: { referredCustomers: r, referredWithPurchase: e },
    },
    // Mean of resisted 1, partially-switched 1/2, switched 0 = (2 resisted + partial) / (2 contacts).
    competitorResistance: {
      value: contacts === 0 ? HALF : rational(2 * outcomes.resisted + outcomes['partially-switched'], 2 * contacts),
      inputs: {
        contacts,
        resisted: outcomes.resisted,
        partiallySwitched: outcomes['partially-switched'],
        switched: outcomes.switched,
      },
    },
    complaintTolerance: {
      value: eligible === 0 ? HALF : rational(stayed, eligible),
      inputs: { eligibleComplaints: eligible, stayedAfterComplaint: stayed },
    },
    duration: { value: min(ONE, rational(days, 1095)), inputs: { daysSinceFirstOrder: days } },
    frequencyRevenue: { value: rational(f + m - 2, 8), inputs: { f, m } },
    lifetimeValue: { value: rational(l - 1, 4), inputs: { l } },
  };
}

/** The index and its components for one scored customer. */
export function loyaltyIndex(evidence: LoyaltyEvidence, weights: LoyaltyWeights = defaultLoyaltyWeights): LoyaltyAnswer {
  const exactWeight = weightsExactly(weights);
  const exact = loyaltyComponents(evidence);
  let points = ZERO;
  const components = loyaltyComponentNames.map((name): LoyaltyComponent => {
    const { value, inputs } = exact[name];
    points = add(points, mul(exactWeight[name], value));
    return { name, weight: weights[name], value: toNumber(value), inputs };
  });
  return { index: roundHalfUp(points.num, points.den), components };
}

/**
 * How many of the four 91-day quarters before T hold a counted order: quarter k is
 * (T - 91k d, T - 91(k-1) d], so an order exactly 91 days before T is in quarter 2.
 */
export function quartersWithOrder(countedOrderTimes: readonly number[], T: number): number {
  const quarters = new Set<number>();
  for (const at of countedOrderTimes) {
    if (at > T) continue;
    const k = Math.floor((T - at) / (91 * DAY_MS)) + 1;
    if (k <= 4) quarters.add(k);
  }
  return quarters.size;
}

/** The C6 score l of lifetime net revenue over the RFM-scored customers (smaller is worse). */
export function lifetimeValueScores(
  customers: readonly { readonly customerId: string; readonly lifetimeNetMinor: number }[],
): Map<string, QuintileScore> {
  return quintileScores(customers.map(({ customerId, lifetimeNetMinor }) => ({ customerId, value: lifetimeNetMinor })), 'lower');
}
