/** 四度, worked out by hand. */
import { fourDegrees } from './degrees';

const base = { satisfactionSum: 0, satisfactionCount: 0, loyaltyIndex: 73, tierValueMinor: 250_000, populationTierValueMinor: 1_000_000 };

describe('four degrees', () => {
  it('maps the mean satisfaction onto 0-100', () => {
    // answers 5, 4, 4, 4: mean 17/4 = 4.25; (4.25 - 1) × 25 = 81.25
    expect(fourDegrees({ ...base, satisfactionSum: 17, satisfactionCount: 4 }).satisfaction).toBe(81.25);
    expect(fourDegrees({ ...base, satisfactionSum: 3, satisfactionCount: 3 }).satisfaction).toBe(0); // all 1
    expect(fourDegrees({ ...base, satisfactionSum: 10, satisfactionCount: 2 }).satisfaction).toBe(100); // all 5
    // 2, 3, 3: mean 8/3; (8/3 - 1) × 25 = 125/3 = 41.666...
    expect(fourDegrees({ ...base, satisfactionSum: 8, satisfactionCount: 3 }).satisfaction).toBeCloseTo(41.6666667, 6);
    expect(fourDegrees(base).satisfaction).toBeNull(); // no answer within 365 days
  });

  it('answers loyalty, contribution and dependence', () => {
    // 250000 / 1000000 = 0.25
    expect(fourDegrees(base)).toEqual({ satisfaction: null, loyalty: 73, contribution: 0.25, dependence: null });
    expect(fourDegrees({ ...base, loyaltyIndex: null }).loyalty).toBeNull();
    expect(fourDegrees({ ...base, populationTierValueMinor: 0 }).contribution).toBeNull();
    expect(fourDegrees({ ...base, populationTierValueMinor: -5 }).contribution).toBeNull();
  });

  it('refuses impossible satisfaction sums', () => {
    expect(() => fourDegrees({ ...base, satisfactionSum: 11, satisfactionCount: 2 })).toThrow(RangeError);
    expect(() => fourDegrees({ ...base, satisfactionSum: 1, satisfactionCount: 2 })).toThrow(RangeError);
  });
});
