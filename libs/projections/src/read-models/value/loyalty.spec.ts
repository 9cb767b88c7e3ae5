/**
 * Loyalty index, worked out by hand with the default weights
 * (repeat 20, crossCategory 10, referrals 10, competitorResistance 15, complaintTolerance 10,
 * duration 10, frequencyRevenue 15, lifetimeValue 10).
 */
import type { LoyaltyComponentName, LoyaltyEvidence } from './loyalty';
import { defaultLoyaltyWeights, lifetimeValueScores, loyaltyIndex, loyaltyWeights, quartersWithOrder } from './loyalty';
import { DAY_MS } from './rfm';

/** A first-time buyer of today with no other evidence: everything at its low edge or default. */
const none: LoyaltyEvidence = {
  quartersWithOrder: 1,
  distinctCategories: 1,
  referredCustomers: 0,
  referredWithPurchase: 0,
  competitorOutcomes: [],
  eligibleComplaints: 0,
  stayedAfterComplaint: 0,
  daysSinceFirstOrder: 0,
  f: 1,
  m: 1,
  l: 1,
};

const value = (name: LoyaltyComponentName, evidence: Partial<LoyaltyEvidence>): number =>
  loyaltyIndex({ ...none, ...evidence }).components.find((c) => c.name === name)!.value;

describe('loyalty components', () => {
  it('repeat = q / 4', () => {
    expect(value('repeat', { quartersWithOrder: 0 })).toBe(0);
    expect(value('repeat', { quartersWithOrder: 3 })).toBe(0.75);
    expect(value('repeat', { quartersWithOrder: 4 })).toBe(1);
  });

  it('crossCategory = min(1, (k - 1) / 2), never below 0', () => {
    expect(value('crossCategory', { distinctCategories: 0 })).toBe(0); // (0-1)/2 clamped to 0
    expect(value('crossCategory', { distinctCategories: 1 })).toBe(0);
    expect(value('crossCategory', { distinctCategories: 2 })).toBe(0.5);
    expect(value('crossCategory', { distinctCategories: 3 })).toBe(1);
    expect(value('crossCategory', { distinctCategories: 7 })).toBe(1); // 3 capped
  });

  it('referrals = min(1, (e + 0.5 (r - e)) / 2), 0 without referrals', () => {
    expect(value('referrals', { referredCustomers: 0, referredWithPurchase: 0 })).toBe(0);
    expect(value('referrals', { referredCustomers: 1, referredWithPurchase: 0 })).toBe(0.25); // 0.5 / 2
    expect(value('referrals', { referredCustomers: 2, referredWithPurchase: 1 })).toBe(0.75); // (1 + 0.5) / 2
    expect(value('referrals', { referredCustomers: 2, referredWithPurchase: 2 })).toBe(1); // 2 / 2
    expect(value('referrals', { referredCustomers: 5, referredWithPurchase: 0 })).toBe(1); // 2.5 / 2 capped
  });

  it('competitorResistance = mean of resisted 1, partially-switched 0.5, switched 0; 0.5 without contacts', () => {
    expect(value('competitorResistance', { competitorOutcomes: [] })).toBe(0.5);
    expect(value('competitorResistance', { competitorOutcomes: ['resisted'] })).toBe(1);
    expect(value('competitorResistance', { competitorOutcomes: ['switched'] })).toBe(0);
    // (1 + 0.5 + 0) / 3 = 0.5
    expect(value('competitorResistance', { competitorOutcomes: ['resisted', 'partially-switched', 'switched'] })).toBe(0.5);
    // (1 + 0.5) / 2 = 0.75
    expect(value('competitorResistance', { competitorOutcomes: ['resisted', 'partially-switched'] })).toBe(0.75);
    // (0.5 + 0 + 0) / 3 = 1/6
    expect(value('competitorResistance', { competitorOutcomes: ['partially-switched', 'switched', 'switched'] })).toBe(1 / 6);
  });

  it('complaintTolerance = stayed / eligible; 0.5 without eligible complaints', () => {
    expect(value('complaintTolerance', { eligibleComplaints: 0, stayedAfterComplaint: 0 })).toBe(0.5);
    expect(value('complaintTolerance', { eligibleComplaints: 3, stayedAfterComplaint: 0 })).toBe(0);
    expect(value('complaintTolerance', { eligibleComplaints: 3, stayedAfterComplaint: 1 })).toBe(1 / 3);
    expect(value('complaintTolerance', { eligibleComplaints: 2, stayedAfterComplaint: 2 })).toBe(1);
  });

  it('duration = min(1, days / 1095)', () => {
    expect(value('duration', { daysSinceFirstOrder: 0 })).toBe(0);
    expect(value('duration', { daysSinceFirstOrder: 365 })).toBe(1 / 3); // 365 / 1095
    expect(value('duration', { daysSinceFirstOrder: 1095 })).toBe(1);
    expect(value('duration', { daysSinceFirstOrder: 2000 })).toBe(1);
  });

  it('frequencyRevenue = (f + m - 2) / 8 and lifetimeValue = (l - 1) / 4', () => {
    expect(value('frequencyRevenue', { f: 1, m: 1 })).toBe(0);
    expect(value('frequencyRevenue', { f: 3, m: 4 })).toBe(0.625); // 5 / 8
    expect(value('frequencyRevenue', { f: 5, m: 5 })).toBe(1);
    expect(value('lifetimeValue', { l: 1 })).toBe(0);
    expect(value('lifetimeValue', { l: 3 })).toBe(0.5);
    expect(value('lifetimeValue', { l: 5 })).toBe(1);
  });

  it('lists every component with its weight and raw inputs, in the table order', () => {
    const { components } = loyaltyIndex({
      ...none,
      referredCustomers: 3,
      referredWithPurchase: 1,
      competitorOutcomes: ['resisted', 'switched', 'partially-switched', 'resisted'],
    });
    expect(components.map((c) => [c.name, c.weight])).toEqual(Object.entries(defaultLoyaltyWeights));
    expect(components.find((c) => c.name === 'referrals')!.inputs).toEqual({ referredCustomers: 3, referredWithPurchase: 1 });
    expect(components.find((c) => c.name === 'competitorResistance')).toEqual({
      name: 'competitorResistance',
      weight: 15,
      value: 0.625, // (1 + 0 + 0.5 + 1) / 4
      inputs: { contacts: 4, resisted: 2, partiallySwitched: 1, switched: 1 },
    });
  });
});

describe('loyalty index', () => {
  it('scores the no-evidence first-time buyer on the defaults alone', () => {
    // repeat 1/4 × 20 = 5; competitorResistance 0.5 × 15 = 7.5; complaintTolerance 0.5 × 10 = 5; rest 0.
    // 5 + 7.5 + 5 = 17.5 -> 18
    expect(loyaltyIndex(none).index).toBe(18);
  });

  it('rounds an exact 72.5 up to 73', () => {
    const evidence: LoyaltyEvidence = {
      ...none,
      quartersWithOrder: 2, // 0.5 × 20 = 10
      distinctCategories: 2, // 0.5 × 10 = 5
      referredCustomers: 2, // (2 + 0) / 2 = 1 -> 1 × 10 = 10
      referredWithPurchase: 2,
      competitorOutcomes: [], // 0.5 × 15 = 7.5
      eligibleComplaints: 0, // 0.5 × 10 = 5
      daysSinceFirstOrder: 1095, // 1 × 10 = 10
      f: 5, // (5 + 5 - 2) / 8 = 1 -> 15
      m: 5,
      l: 5, // 1 × 10 = 10
    };
    // 10 + 5 + 10 + 7.5 + 5 + 10 + 15 + 10 = 72.5 -> 73
    expect(loyaltyIndex(evidence).index).toBe(73);
  });

  it('adds thirds exactly before rounding', () => {
    const evidence: LoyaltyEvidence = {
      ...none,
      quartersWithOrder: 1, // 1/4 × 20 = 5
      referredCustomers: 1, // 0.25 × 10 = 2.5
      competitorOutcomes: ['resisted'], // 1 × 15 = 15
      eligibleComplaints: 3, // 2/3 × 10 = 20/3
      stayedAfterComplaint: 2,
      daysSinceFirstOrder: 365, // 1/3 × 10 = 10/3
    };
    // 5 + 2.5 + 15 + 20/3 + 10/3 = 32.5 exactly -> 33
    expect(loyaltyIndex(evidence).index).toBe(33);
  });

  it('reaches 0 and 100 at the edges', () => {
    const worst: LoyaltyEvidence = { ...none, quartersWithOrder: 0, competitorOutcomes: ['switched'], eligibleComplaints: 1 };
    expect(loyaltyIndex(worst).index).toBe(0);
    const best: LoyaltyEvidence = {
      quartersWithOrder: 4,
      distinctCategories: 3,
      referredCustomers: 2,
      referredWithPurchase: 2,
      competitorOutcomes: ['resisted'],
      eligibleComplaints: 1,
      stayedAfterComplaint: 1,
      daysSinceFirstOrder: 1095,
      f: 5,
      m: 5,
      l: 5,
    };
    expect(loyaltyIndex(best).index).toBe(100);
  });

  it('takes weights as settings, decimals included', () => {
    // Move 2.5 points from repeat to competitorResistance: 17.5 repeat, 17.5 competitorResistance.
    const weights = loyaltyWeights({ repeat: 17.5, competitorResistance: 17.5 });
    // none: 1/4 × 17.5 = 4.375; 0.5 × 17.5 = 8.75; 0.5 × 10 = 5 -> 18.125 -> 18
    expect(loyaltyIndex(none, weights).index).toBe(18);
    expect(loyaltyIndex(none, weights).components[0]!.weight).toBe(17.5);
  });

  it('refuses weights that do not sum to 100, are negative or unknown', () => {
    expect(() => loyaltyWeights({ repeat: 21 })).toThrow(/sum to 100/);
    expect(() => loyaltyWeights({ repeat: -10, crossCategory: 40 })).toThrow(/negative/);
    expect(() => loyaltyIndex(none, { ...defaultLoyaltyWeights, loyalty: 0 } as never)).toThrow(/Unknown/);
  });

  it('refuses impossible evidence', () => {
    expect(() => loyaltyIndex({ ...none, quartersWithOrder: 5 })).toThrow(RangeError);
    expect(() => loyaltyIndex({ ...none, referredCustomers: 1, referredWithPurchase: 2 })).toThrow(RangeError);
    expect(() => loyaltyIndex({ ...none, eligibleComplaints: 1, stayedAfterComplaint: 2 })).toThrow(RangeError);
    expect(() => loyaltyIndex({ ...none, f: 6 as never })).toThrow(RangeError);
  });
});

describe('quarters with an order', () => {
  const T = Date.UTC(2024, 6, 1);
  const Q = 91 * DAY_MS;

  it('counts the 91-day quarters (T - 91k d, T - 91(k-1) d] holding an order', () => {
    expect(quartersWithOrder([], T)).toBe(0);
    expect(quartersWithOrder([T], T)).toBe(1); // quarter 1 includes T
    expect(quartersWithOrder([T - Q + 1, T - 1], T)).toBe(1); // both in quarter 1
    expect(quartersWithOrder([T - Q], T)).toBe(1); // exactly 91 days ago: quarter 2 (open lower end of quarter 1)
    expect(quartersWithOrder([T, T - Q, T - 2 * Q, T - 3 * Q + 1], T)).toBe(3); // quarters 1, 2, 3, 3
    expect(quartersWithOrder([T - 4 * Q + 1, T - 4 * Q], T)).toBe(1); // quarter 4; exactly 364 days ago is quarter 5
    expect(quartersWithOrder([T + 1], T)).toBe(0); // after T
  });
});

describe('lifetime value score', () => {
  it('is C6 on lifetime net revenue, smaller worse', () => {
    const l = lifetimeValueScores([
      { customerId: 'a', lifetimeNetMinor: 100 },
      { customerId: 'b', lifetimeNetMinor: 500 },
      { customerId: 'c', lifetimeNetMinor: 500 },
    ]);
    // a w=0 -> 1; b, c w=1 -> 1 + floor(5/3) = 2
    expect(Object.fromEntries(l)).toEqual({ a: 1, b: 2, c: 2 });
  });
});
