/**
 * Tier (000: 重点 10% / 一般 30% / 小 60%). The population is ranked by value per C5 (value
 * descending, then customerId in code-unit order); key = ranks 1..ceil(keyShare × n),
 * general = up to ceil((keyShare + generalShare) × n), the rest small, and a value <= 0 is
 * always small. The boundaries are taken in exact decimal arithmetic: in doubles
 * 0.1 × 30 is 3.0000000000000004 and would make four key accounts. A manual override wins
 * for its customer and is shown as such; it moves nobody else.
 */
import type { Tier } from '@crm/domain';
import { type Rational, ZERO, add, ceilDiv, compare, fromDecimal, ONE, toBigInt, toSafeNumber } from './exact';

/** Shares of the population (a setting); small takes the rest. */
export interface TierPolicy {
  readonly keyShare: number;
  readonly generalShare: number;
}

export const defaultTierPolicy: TierPolicy = Object.freeze({ keyShare: 0.1, generalShare: 0.3 });

function sharesExactly(policy: TierPolicy): { key: Rational; keyOrGeneral: Rational } {
  const key = fromDecimal(policy.keyShare, 'key share');
  const general = fromDecimal(policy.generalShare, 'general share');
  const keyOrGeneral = add(key, general);
  if (compare(key, ZERO) < 0 || compare(general, ZERO) < 0 || compare(keyOrGeneral, ONE) > 0) {
    throw new RangeError(`Tier shares must be >= 0 and leave a rest: key ${policy.keyShare}, general ${policy.generalShare}.`);
  }
  return { key, keyOrGeneral };
}

/** The default policy with some shares replaced; a misconfiguration fails at start-up. */
export function tierPolicy(overrides: Partial<TierPolicy> = {}): TierPolicy {
  const policy = Object.freeze({ ...defaultTierPolicy, ...overrides });
  sharesExactly(policy);
  return policy;
}

/** The last key rank and the last general rank for a population of n: ceil(share × n) exactly. */
export function tierCutoffs(n: number, policy: TierPolicy = defaultTierPolicy): { lastKeyRank: number; lastGeneralRank: number } {
  const size = toBigInt(n, 'population size');
  if (size < 0n) throw new RangeError(`A population cannot have ${n} customers.`);
  const { key, keyOrGeneral } = sharesExactly(policy);
  return {
    lastKeyRank: toSafeNumber(ceilDiv(key.num * size, key.den)),
    lastGeneralRank: toSafeNumber(ceilDiv(keyOrGeneral.num * size, keyOrGeneral.den)),
  };
}

export interface TierOverride {
  readonly tier: Tier;
  /** The TierOverridden reason (strategic, brand, government-influence). */
  readonly reason: string;
}

export interface TierCandidate {
  readonly customerId: string;
  /** Counted orders within 365 days, in the chosen metric (C4), integer minor units. */
  readonly valueMinor: number;
  /** The latest TierOverridden at or before T, if any. */
  readonly override?: TierOverride;
}

export interface TierRow {
  readonly customerId: string;
  readonly tier: Tier;
  readonly source: 'computed' | 'override';
  readonly computedTier: Tier;
  readonly rank: number;
  readonly valueMinor: number;
  readonly reason?: string;
}

export type TierCounts = Readonly<Record<Tier, number>>;

export interface TierAssignment {
  /** In rank order. */
  readonly rows: readonly TierRow[];
  /** By the tier shown (overrides included). */
  readonly counts: TierCounts;
  /** By the computed tier (overrides ignored). */
  readonly computedCounts: TierCounts;
  readonly lastKeyRank: number;
  readonly lastGeneralRank: number;
  /** Σ valueMinor over the population: the denominator of 四度's contribution. */
  readonly totalValueMinor: number;
}

/** C5: value descending, then customerId ascending by UTF-16 code units (not localeCompare). */
export function byValueThenId(a: { customerId: string; valueMinor: number }, b: { customerId: string; valueMinor: number }): number {
  if (a.valueMinor !== b.valueMinor) return a.valueMinor > b.valueMinor ? -1 : 1;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

export function assignTiers(population: readonly TierCandidate[], policy: TierPolicy = defaultTierPolicy): TierAssignment {
  const seen = new Set<string>();
  let total = 0n;
  for (const { customerId, valueMinor } of population) {
    if (seen.has(customerId)) throw new RangeError(`Customer ${customerId} is in the tier population twice.`);
    seen.add(customerId);
    total += toBigInt(valueMinor, `tier value of ${customerId}`);
  }
  const { lastKeyRank, lastGeneralRank } = tierCutoffs(population.length, policy);
  const counts = { key: 0, general: 0, small: 0 };
  const computedCounts = { key: 0, general: 0, small: 0 };
  const rows = [...population].sort(byValueThenId).map(({ customerId, valueMinor, override }, index): TierRow => {
    const rank = index + 1;
    const computedTier: Tier =
      valueMinor <= 0 ? 'small' : rank <= lastKeyRank ? 'key' : rank <= lastGeneralRank ? 'general' : 'small';
    computedCounts[computedTier] += 1;
    const tier = override?.tier ?? computedTier;
    counts[tier] += 1;
    return override
      ? { customerId, tier, source: 'override', computedTier, rank, valueMinor, reason: override.reason }
      : { customerId, tier, source: 'computed', computedTier, rank, valueMinor };
  });
  return { rows, counts, computedCounts, lastKeyRank, lastGeneralRank, totalValueMinor: toSafeNumber(total, 'total tier value') };
}
