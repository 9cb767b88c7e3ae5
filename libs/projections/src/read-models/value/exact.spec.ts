/** Exact arithmetic: floor/ceil division of bigints and decimals read as written. */
import { ceilDiv, compare, floorDiv, fromDecimal, rational, toNumber, toSafeNumber } from './exact';

describe('exact arithmetic', () => {
  it('divides with floor and ceiling for both signs', () => {
    expect(floorDiv(7n, 2n)).toBe(3n); // 3.5 -> 3
    expect(floorDiv(-7n, 2n)).toBe(-4n); // -3.5 -> -4 (BigInt's / would give -3)
    expect(floorDiv(6n, 3n)).toBe(2n);
    expect(ceilDiv(7n, 2n)).toBe(4n); // 3.5 -> 4
    expect(ceilDiv(30n, 10n)).toBe(3n); // exactly 3
    expect(ceilDiv(-7n, 2n)).toBe(-3n);
  });

  it('reduces fractions and keeps the denominator positive', () => {
    expect(rational(6, -4)).toEqual({ num: -3n, den: 2n });
    expect(rational(0, 7)).toEqual({ num: 0n, den: 1n });
    expect(() => rational(1, 0)).toThrow(RangeError);
    expect(compare(rational(1, 3), rational(2, 6))).toBe(0);
    expect(toNumber(rational(1, 4))).toBe(0.25);
  });

  it('reads a decimal setting as the decimal it is written as', () => {
    expect(fromDecimal(0.1)).toEqual({ num: 1n, den: 10n }); // not 3602879701896397/2^55
    expect(fromDecimal(12.5)).toEqual({ num: 25n, den: 2n });
    expect(fromDecimal(20)).toEqual({ num: 20n, den: 1n });
    expect(fromDecimal(1e-7)).toEqual({ num: 1n, den: 10_000_000n }); // String(1e-7) = "1e-7"
    expect(fromDecimal(1e21)).toEqual({ num: 10n ** 21n, den: 1n }); // "1e+21"
    expect(fromDecimal(-0.25)).toEqual({ num: -1n, den: 4n });
    expect(() => fromDecimal(Number.NaN)).toThrow(RangeError);
  });

  it('refuses to turn an unsafe bigint into a number', () => {
    expect(toSafeNumber(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toSafeNumber(9_007_199_254_740_992n)).toThrow(RangeError);
  });
});
