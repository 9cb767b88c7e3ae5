/**
 * Money rules (C3, C4): integer minor units, exact half-up rounding, an order's profit,
 * and which metric a computation may use. Products such as cost × net are taken in BigInt
 * because they pass 2^53 long before the amounts themselves do.
 */
import { floorDiv, toBigInt, toSafeNumber } from './exact';

/**
 * round_half_up(numerator / denominator) exactly: floor(x + 1/2), so 2.5 -> 3 and
 * -2.5 -> -2 (towards +infinity; the value rules only round non-negative ratios, where
 * this agrees with rounding half away from zero).
 */
export function roundHalfUpExact(numerator: bigint | number, denominator: bigint | number): bigint {
  let n = toBigInt(numerator, 'numerator');
  let d = toBigInt(denominator, 'denominator');
  if (d === 0n) throw new RangeError('Cannot round a ratio with a zero denominator.');
  if (d < 0n) [n, d] = [-n, -d];
  // floor(n/d + 1/2) = floor((2n + d) / 2d) for d > 0.
  return floorDiv(2n * n + d, 2n * d);
}

/** roundHalfUpExact as a number; refuses a result that is not a safe integer. */
export function roundHalfUp(numerator: bigint | number, denominator: bigint | number): number {
  return toSafeNumber(roundHalfUpExact(numerator, denominator), 'rounded value');
}

/**
 * C4: an order's profit at T = net - round_half_up(cost × net / amount), where net is the
 * amount less its refunds at T. A refund takes back cost in proportion to what it returns.
 */
export function orderProfit(netMinor: number, costMinor: number, amountMinor: number): number {
  const net = toBigInt(netMinor, 'net amount');
  const cost = toBigInt(costMinor, 'cost');
  const amount = toBigInt(amountMinor, 'order amount');
  if (amount <= 0n) throw new RangeError(`An order's amount must be positive, not ${amountMinor}.`);
  return toSafeNumber(net - roundHalfUpExact(cost * net, amount), 'profit');
}

/** What a value computation ranks by (answered as `metric`). */
export type ValueMetric = 'profit' | 'revenue';

/** C4: profit only when every counted order of the population has a cost, else revenue. */
export function valueMetric(everyCountedOrderHasCost: boolean): ValueMetric {
  return everyCountedOrderHasCost ? 'profit' : 'revenue';
}
