/**
 * Exact arithmetic for the value rules (C7: compute exactly, round only at the end).
 * Money is integer minor units and products such as cost × net can pass 2^53, so the
 * rules work in BigInt; weighted sums such as 0.5 × 15 + 1/3 × 10 are exact rationals.
 * A setting typed as a decimal (0.1, 12.5) is read as the decimal it denotes, not as its
 * binary approximation, so ceil(0.1 × 30) is 3 and not 4.
 */

/** A reduced fraction with a positive denominator. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** A safe integer (or a bigint) as a bigint; anything else is a programming error. */
export function toBigInt(value: bigint | number, what = 'value'): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`The ${what} must be a safe integer, not ${value}.`);
  return BigInt(value);
}

/** A bigint back to a number, refusing to lose digits. */
export function toSafeNumber(value: bigint, what = 'result'): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || BigInt(n) !== value) throw new RangeError(`The ${what} ${value} is not a safe integer.`);
  return n;
}

/** floor(a / b) for bigints (BigInt division truncates towards zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('Division by zero.');
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** ceil(a / b) for bigints. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = toBigInt(num, 'numerator');
  let d = toBigInt(den, 'denominator');
  if (d === 0n) throw new RangeError('A ratio needs a non-zero denominator.');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d); // gcd(0, d) = d, so 0/d reduces to 0/1
  return { num: n / g, den: d / g };
}

export const ZERO: Rational = rational(0);
export const ONE: Rational = rational(1);
export const HALF: Rational = rational(1, 2);

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const compare = (a: Rational, b: Rational): number => {
  const diff = a.num * b.den - b.num * a.den;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
export const min = (a: Rational, b: Rational): Rational => (compare(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (compare(a, b) >= 0 ? a : b);

/** The nearest double (for the answer; never fed back into a computation). */
export const toNumber = (r: Rational): number => Number(r.num) / Number(r.den);

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * The exact decimal a finite number is written as (its shortest round-trip form):
 * 0.1 -> 1/10, 12.5 -> 25/2, 1e-7 -> 1/10000000.
 */
export function fromDecimal(value: number, what = 'setting'): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`The ${what} must be a finite number, not ${value}.`);
  const match = DECIMAL.exec(String(value));
  if (!match) throw new RangeError(`The ${what} ${value} is not a decimal number.`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  const scale = Number(exponent) - fraction.length;
  return scale >= 0 ? rational(digits * 10n ** BigInt(scale)) : rational(digits, 10n ** BigInt(-scale));
}
