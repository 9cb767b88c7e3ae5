/**
 * Tiers with the default policy (key 10%, general 30%), worked out by hand:
 * key = ranks 1..ceil(0.1 n), general = up to ceil(0.4 n), the rest small.
 */
import { type TierCandidate, assignTiers, tierCutoffs, tierPolicy } from './tiers';

/** n customers c01, c02, ... with values n×100, (n-1)×100, ... so the id order is the rank order. */
const ladder = (n: number): TierCandidate[] =>
  Array.from({ length: n }, (_, i) => ({ customerId: `c${String(i + 1).padStart(2, '0')}`, valueMinor: (n - i) * 100 }));
const tiersInRankOrder = (population: readonly TierCandidate[]) => assignTiers(population).rows.map((r) => r.tier);
const repeat = <T>(x: T, times: number): T[] => Array.from({ length: times }, () => x);

describe('tier cutoffs', () => {
  it.each([
    // n, ceil(0.1 n), ceil(0.4 n)
    [0, 0, 0],
    [1, 1, 1], // ceil(0.1) = 1, ceil(0.4) = 1
    [9, 1, 4], // ceil(0.9) = 1, ceil(3.6) = 4
    [10, 1, 4], // exactly 1 and 4 (doubles: (0.1 + 0.3) × 10 = 4.000000000000001 -> 5)
    [11, 2, 5], // ceil(1.1) = 2, ceil(4.4) = 5
    [30, 3, 12], // exactly 3 and 12 (doubles: 0.1 × 30 = 3.0000000000000004 -> 4)
  ])('n = %p: last key rank %p, last general rank %p', (n, lastKeyRank, lastGeneralRank) => {
    expect(tierCutoffs(n)).toEqual({ lastKeyRank, lastGeneralRank });
  });
});

describe('assign tiers', () => {
  it('n = 1: the only customer is key, unless it has no value', () => {
    expect(tiersInRankOrder([{ customerId: 'solo', valueMinor: 100 }])).toEqual(['key']);
    expect(tiersInRankOrder([{ customerId: 'solo', valueMinor: 0 }])).toEqual(['small']);
    expect(assignTiers([]).counts).toEqual({ key: 0, general: 0, small: 0 });
  });

  it('n = 9: 1 key, 3 general, 5 small', () => {
    expect(tiersInRankOrder(ladder(9))).toEqual(['key', ...repeat('general', 3), ...repeat('small', 5)]);
  });

  it('n = 10: 1 key, 3 general, 6 small', () => {
    const { rows, counts, totalValueMinor } = assignTiers(ladder(10));
    expect(rows.map((r) => r.tier)).toEqual(['key', ...repeat('general', 3), ...repeat('small', 6)]);
    expect(counts).toEqual({ key: 1, general: 3, small: 6 });
    expect(totalValueMinor).toBe(5_500); // 100 + 200 + ... + 1000
  });

  it('n = 11 with a tie on value at the key boundary: customerId in code-unit order breaks it', () => {
    const population: TierCandidate[] = [
      ...ladder(8).map((c) => ({ ...c, customerId: `x${c.customerId}` })), // 800 .. 100
      { customerId: 'a-two', valueMinor: 5_000 },
      { customerId: 'top', valueMinor: 10_000 },
      { customerId: 'B-two', valueMinor: 5_000 }, // 'B' (66) < 'a' (97); localeCompare would say otherwise
    ];
    const { rows, counts } = assignTiers(population);
    // ceil(1.1) = 2 key, ceil(4.4) = 5 -> ranks 3..5 general, 6..11 small
    expect(rows.slice(0, 4).map((r) => [r.customerId, r.rank, r.tier])).toEqual([
      ['top', 1, 'key'],
      ['B-two', 2, 'key'],
      ['a-two', 3, 'general'],
      ['xc01', 4, 'general'],
    ]);
    expect(counts).toEqual({ key: 2, general: 3, small: 6 });
  });

  it('n = 30: 3 key, 9 general, 18 small, ties on value ordered by id', () => {
    // Pairs of equal value: p01 & p02 3000, p03 & p04 2900, ... in reverse input order.
    const population = Array.from({ length: 30 }, (_, i) => ({
      customerId: `p${String(i + 1).padStart(2, '0')}`,
      valueMinor: 3_000 - Math.floor(i / 2) * 100,
    })).reverse();
    const { rows, counts } = assignTiers(population);
    expect(counts).toEqual({ key: 3, general: 9, small: 18 });
    // rank 3 = p03 (2900, key) and rank 4 = p04 (2900, general): same value, split by id.
    expect(rows[2]).toMatchObject({ customerId: 'p03', rank: 3, tier: 'key', valueMinor: 2_900 });
    expect(rows[3]).toMatchObject({ customerId: 'p04', rank: 4, tier: 'general', valueMinor: 2_900 });
    expect(rows[11]).toMatchObject({ customerId: 'p12', rank: 12, tier: 'general' });
    expect(rows[12]).toMatchObject({ customerId: 'p13', rank: 13, tier: 'small' });
  });

  it('keeps a value <= 0 small whatever its rank', () => {
    const population = [900, 800, 700, 0, 0, -5, -10, -20, -30].map((valueMinor, i) => ({ customerId: `p${i + 1}`, valueMinor }));
    // n = 9: rank 1 key, ranks 2..4 general, but p4 (rank 4) has value 0 -> small.
    expect(assignTiers(population).rows.map((r) => [r.customerId, r.tier])).toEqual([
      ['p1', 'key'],
      ['p2', 'general'],
      ['p3', 'general'],
      ['p4', 'small'],
      ['p5', 'small'],
      ['p6', 'small'],
      ['p7', 'small'],
      ['p8', 'small'],
      ['p9', 'small'],
    ]);
  });

  it('shows an override and moves nobody else', () => {
    const population = ladder(10).map((c) => (c.customerId === 'c08' ? { ...c, override: { tier: 'key' as const, reason: 'strategic' } } : c));
    const { rows, counts, computedCounts } = assignTiers(population);
    expect(rows[7]).toEqual({
      customerId: 'c08',
      tier: 'key',
      source: 'override',
      computedTier: 'small',
      rank: 8,
      valueMinor: 300,
      reason: 'strategic',
    });
    // Everyone else as in the n = 10 case: c01 key, c02..c04 general, the rest small.
    expect(rows.filter((r) => r.customerId !== 'c08').map((r) => r.tier)).toEqual(['key', ...repeat('general', 3), ...repeat('small', 5)]);
    expect(rows[0]).toEqual({ customerId: 'c01', tier: 'key', source: 'computed', computedTier: 'key', rank: 1, valueMinor: 1_000 });
    expect(counts).toEqual({ key: 2, general: 3, small: 5 });
    expect(computedCounts).toEqual({ key: 1, general: 3, small: 6 });
  });

  it('does not promote anyone when the top customer is overridden down', () => {
    const population = ladder(10).map((c) => (c.customerId === 'c01' ? { ...c, override: { tier: 'small' as const, reason: 'brand' } } : c));
    const { rows, counts } = assignTiers(population);
    expect(rows[0]).toMatchObject({ customerId: 'c01', tier: 'small', computedTier: 'key', source: 'override' });
    expect(rows[1]).toMatchObject({ customerId: 'c02', tier: 'general', source: 'computed' });
    expect(counts).toEqual({ key: 0, general: 3, small: 7 });
  });

  it('takes the shares as settings', () => {
    // 20% / 30% of 10: key ranks 1..2, general up to ceil(5) = 5.
    const policy = tierPolicy({ keyShare: 0.2 });
    expect(tierCutoffs(10, policy)).toEqual({ lastKeyRank: 2, lastGeneralRank: 5 });
    // 15% of 20 = 3 exactly; 45% of 20 = 9 exactly.
    expect(tierCutoffs(20, tierPolicy({ keyShare: 0.15 }))).toEqual({ lastKeyRank: 3, lastGeneralRank: 9 });
    expect(assignTiers(ladder(10), policy).counts).toEqual({ key: 2, general: 3, small: 5 });
    expect(() => tierPolicy({ keyShare: 0.8 })).toThrow(RangeError); // 0.8 + 0.3 > 1
    expect(() => tierPolicy({ generalShare: -0.1 })).toThrow(RangeError);
  });

  it('refuses a customer twice', () => {
    expect(() => assignTiers([{ customerId: 'a', valueMinor: 1 }, { customerId: 'a', valueMinor: 2 }])).toThrow(RangeError);
  });
});
