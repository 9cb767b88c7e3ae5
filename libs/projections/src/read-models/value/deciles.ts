/**
 * Decile analyses (002: 货币十分位 and 购买十分位) over the customers with net revenue > 0 in
 * the period. Monetary deciles: customers in C5 order cut into 10 near-equal groups (the first
 * n mod 10 groups take one more), each with its revenue, share, cumulative share and profit
 * share. Purchase deciles: how many customers make each successive 10% of revenue,
 * c_k = min { j : 10 × cum_j >= k × total }, in exact integer arithmetic. Benchmarks: the top
 * 10% and 20% shares (002 expects about 30-50% and 80%) and c_1 / n (about 1%).
 */
import { toBigInt, toSafeNumber } from './exact';
import type { ValueMetric } from './money';
import { byValueThenId } from './tiers';

export interface DecileCustomer {
  readonly customerId: string;
  /** Net revenue in the period (integer minor units); customers with <= 0 are left out. */
  readonly revenueMinor: number;
  /** Profit in the period, or null when one of the customer's counted orders has no cost. */
  readonly profitMinor: number | null;
}

export interface MonetaryDecile {
  readonly decile: number;
  readonly customers: number;
  readonly revenueMinor: number;
  /** The group's profit, null when profit is unknown. */
  readonly profitMinor: number | null;
  readonly share: number;
  readonly cumulativeShare: number;
  readonly profitShare: number | null;
}

export interface PurchaseDecile {
  readonly decile: number;
  readonly customers: number;
  /** c_k: how many top customers (revenue order) make the first k tenths of revenue. */
  readonly cumulativeCustomers: number;
}

export interface DecileBenchmarks {
  /** Revenue share of monetary decile 1. */
  readonly top10Share: number;
  /** Revenue share of monetary deciles 1 and 2. */
  readonly top20Share: number;
  /** c_1 / n: the fraction of customers that makes the first tenth of revenue. */
  readonly firstTenthCustomerShare: number;
}

export interface DecileAnalysis {
  /** What the monetary deciles are ordered by. */
  readonly metric: ValueMetric;
  /** Customers analysed (net revenue > 0). */
  readonly customers: number;
  /** Customers handed over with net revenue <= 0, left out. */
  readonly excludedNonPositive: number;
  readonly totalRevenueMinor: number;
  readonly totalProfitMinor: number | null;
  readonly monetary: readonly MonetaryDecile[];
  readonly purchase: readonly PurchaseDecile[];
  readonly benchmarks: DecileBenchmarks;
}

export interface DecileOptions {
  /**
   * `profit` orders the monetary deciles by profit when every analysed customer's profit is
   * known (C4), else falls back to revenue; shares stay shares of revenue. Purchase deciles
   * are always of revenue in revenue order.
   */
  readonly by?: ValueMetric;
}

/** Group d (1..10) of n takes floor(n/10) + (d <= n mod 10 ? 1 : 0) customers. */
export function decileSizes(n: number): number[] {
  const base = Math.floor(n / 10);
  return Array.from({ length: 10 }, (_, i) => base + (i + 1 <= n % 10 ? 1 : 0));
}

/** c_1..c_10 for revenues in descending order: c_k = min { j : 10 × cum_j >= k × total }. */
export function purchaseDecileCutoffs(revenuesDescending: readonly number[]): number[] {
  const total = revenuesDescending.reduce((sum, revenue) => sum + toBigInt(revenue, 'revenue'), 0n);
  const cutoffs: number[] = [];
  if (revenuesDescending.length === 0) return Array.from({ length: 10 }, () => 0);
  let j = 0;
  let cumulative = 0n;
  for (let k = 1n; k <= 10n; k++) {
    while (10n * cumulative < k * total) cumulative += BigInt(revenuesDescending[j++]!);
    cutoffs.push(j);
  }
  return cutoffs;
}

const ratio = (part: bigint, whole: bigint): number => Number(part) / Number(whole);

export function deciles(customers: readonly DecileCustomer[], options: DecileOptions = {}): DecileAnalysis {
  const seen = new Set<string>();
  for (const { customerId, revenueMinor, profitMinor } of customers) {
    if (seen.has(customerId)) throw new RangeError(`Customer ${customerId} is in the decile population twice.`);
    seen.add(customerId);
    toBigInt(revenueMinor, `revenue of ${customerId}`);
    if (profitMinor !== null) toBigInt(profitMinor, `profit of ${customerId}`);
  }
  const counted = customers.filter((c) => c.revenueMinor > 0);
  const n = counted.length;
  const profitKnown = counted.every((c) => c.profitMinor !== null);
  const metric: ValueMetric = options.by === 'profit' && profitKnown ? 'profit' : 'revenue';

  const byRevenue = counted.map((c) => ({ ...c, valueMinor: c.revenueMinor })).sort(byValueThenId);
  const ordered = metric === 'revenue' ? byRevenue : counted.map((c) => ({ ...c, valueMinor: c.profitMinor! })).sort(byValueThenId);

  const totalRevenue = byRevenue.reduce((sum, c) => sum + BigInt(c.revenueMinor), 0n);
  const totalProfit = profitKnown ? counted.reduce((sum, c) => sum + BigInt(c.profitMinor!), 0n) : null;

  const monetary: MonetaryDecile[] = [];
  let next = 0;
  let cumulative = 0n;
  decileSizes(n).forEach((size, i) => {
    const group = ordered.slice(next, next + size);
    next += size;
    const revenue = group.reduce((sum, c) => sum + BigInt(c.revenueMinor), 0n);
    const profit = totalProfit === null ? null : group.reduce((sum, c) => sum + BigInt(c.profitMinor!), 0n);
    cumulative += revenue;
    monetary.push({
      decile: i + 1,
      customers: size,
      revenueMinor: toSafeNumber(revenue, 'decile revenue'),
      profitMinor: profit === null ? null : toSafeNumber(profit, 'decile profit'),
      share: n === 0 ? 0 : ratio(revenue, totalRevenue),
      cumulativeShare: n === 0 ? 0 : ratio(cumulative, totalRevenue),
      profitShare: profit === null || totalProfit === null || totalProfit <= 0n ? null : ratio(profit, totalProfit),
    });
  });

  const cutoffs = purchaseDecileCutoffs(byRevenue.map((c) => c.revenueMinor));
  const purchase = cutoffs.map((c, i) => ({ decile: i + 1, customers: c - (i === 0 ? 0 : cutoffs[i - 1]!), cumulativeCustomers: c }));

  return {
    metric,
    customers: n,
    excludedNonPositive: customers.length - n,
    totalRevenueMinor: toSafeNumber(totalRevenue, 'total revenue'),
    totalProfitMinor: totalProfit === null ? null : toSafeNumber(totalProfit, 'total profit'),
    monetary,
    purchase,
    benchmarks: {
      top10Share: monetary[0]!.share,
      top20Share: monetary[1]!.cumulativeShare,
      firstTenthCustomerShare: n === 0 ? 0 : cutoffs[0]! / n,
    },
  };
}
