/** Money (C3, C4): half-up rounding and order profit, worked out by hand. */
import { orderProfit, roundHalfUp, roundHalfUpExact, valueMetric } from './money';

describe('round half up', () => {
  it.each([
    [5, 2, 3], // 2.5 -> 3
    [7, 2, 4], // 3.5 -> 4
    [1, 3, 0], // 0.333 -> 0
    [2, 3, 1], // 0.667 -> 1
    [10, 5, 2], // exactly 2
    [0, 9, 0],
    [-5, 2, -2], // -2.5 -> floor(-2.5 + 0.5) = -2 (towards +infinity)
    [-7, 3, -2], // -2.333 -> -2
    [5, -2, -2], // a negative denominator is -5/2 -> -2
  ])('%p / %p -> %p', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it('is exact past 2^53', () => {
    // (2^53 + 1) × 3 / 3 = 2^53 + 1, which a double cannot hold.
    expect(roundHalfUpExact(9_007_199_254_740_993n * 3n, 3n)).toBe(9_007_199_254_740_993n);
    // (2^60 + 1) / 2 = 2^59 + 0.5 -> 2^59 + 1.
    expect(roundHalfUpExact(2n ** 60n + 1n, 2n)).toBe(2n ** 59n + 1n);
    expect(() => roundHalfUp(2n ** 60n, 1n)).toThrow(RangeError);
    expect(() => roundHalfUp(1, 0)).toThrow(RangeError);
  });
});

describe('order profit', () => {
  it('is amount - cost when nothing is refunded', () => {
    // 10000 - round(6000 × 10000 / 10000) = 10000 - 6000 = 4000
    expect(orderProfit(10_000, 6_000, 10_000)).toBe(4_000);
  });

  it('takes back cost in proportion to a refund', () => {
    // net 2500 of 10000, cost 6001: 6001 × 2500 / 10000 = 1500.25 -> 1500; 2500 - 1500 = 1000
    expect(orderProfit(2_500, 6_001, 10_000)).toBe(1_000);
    // net 100 of 200, cost 101: 101 × 100 / 200 = 50.5 -> 51 (half up); 100 - 51 = 49
    expect(orderProfit(100, 101, 200)).toBe(49);
    // fully refunded: 0 - round(cost × 0 / amount) = 0
    expect(orderProfit(0, 700, 1_000)).toBe(0);
  });

  it('can be negative when cost exceeds the amount', () => {
    // 1000 - 1200 = -200
    expect(orderProfit(1_000, 1_200, 1_000)).toBe(-200);
  });

  it('stays exact when cost × net passes 2^53', () => {
    // a = 2^53 - 1, cost = a - 2, net = a - 1: cost × net / a = (a² - 3a + 2) / a = a - 3 + 2/a -> a - 3;
    // profit = (a - 1) - (a - 3) = 2.
    const a = Number.MAX_SAFE_INTEGER;
    expect(orderProfit(a - 1, a - 2, a)).toBe(2);
  });

  it('refuses a non-positive amount or a fractional minor unit', () => {
    expect(() => orderProfit(0, 0, 0)).toThrow(RangeError);
    expect(() => orderProfit(10.5, 1, 20)).toThrow(RangeError);
  });
});

describe('value metric (C4)', () => {
  it('uses profit only when every counted order has a cost', () => {
    expect(valueMetric(true)).toBe('profit');
    expect(valueMetric(false)).toBe('revenue');
  });
});
