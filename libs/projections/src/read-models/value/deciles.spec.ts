/** Decile analyses on fixtures computed on paper. */
import { type DecileCustomer, decileSizes, deciles, purchaseDecileCutoffs } from './deciles';

describe('decile sizes', () => {
  it('gives the first n mod 10 groups one more', () => {
    expect(decileSizes(23)).toEqual([3, 3, 3, 2, 2, 2, 2, 2, 2, 2]); // floor(23/10) = 2, 23 mod 10 = 3
    expect(decileSizes(10)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(decileSizes(3)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(decileSizes(0)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('23 customers, total revenue 100000', () => {
  // Revenue in rank order d01..d23; profit 20% of revenue except d01 (2000).
  const revenues = [23500, 15000, 10000, 8000, 7000, 5000, 4000, 3000, 3000, 2500, 2500, 2000, 2000, 2000, 1500, 1500, 1500, 1500, 1000, 1000, 1000, 1000, 500];
  const customers: DecileCustomer[] = revenues.map((revenueMinor, i) => ({
    customerId: `d${String(i + 1).padStart(2, '0')}`,
    revenueMinor,
    profitMinor: i === 0 ? 2000 : revenueMinor / 5,
  }));
  const population = [
    ...[...customers].reverse(), // input order does not matter
    { customerId: 'z-zero', revenueMinor: 0, profitMinor: 0 }, // net revenue <= 0: left out
    { customerId: 'z-refunded', revenueMinor: -300, profitMinor: null },
  ];
  const analysis = deciles(population);

  it('leaves out customers without positive net revenue', () => {
    expect(analysis).toMatchObject({ metric: 'revenue', customers: 23, excludedNonPositive: 2, totalRevenueMinor: 100_000 });
    // 0.2 × (100000 - 23500) + 2000 = 15300 + 2000 = 17300
    expect(analysis.totalProfitMinor).toBe(17_300);
  });

  it('cuts monetary deciles of 3, 3, 3, 2 × 7 customers', () => {
    // decile: customers, revenue, cumulative, group profit
    const paper = [
      [3, 48_500, 48_500, 7_000], // 23500 + 15000 + 10000; profit 2000 + 3000 + 2000
      [3, 20_000, 68_500, 4_000], // 8000 + 7000 + 5000
      [3, 10_000, 78_500, 2_000], // 4000 + 3000 + 3000
      [2, 5_000, 83_500, 1_000], // 2500 + 2500
      [2, 4_000, 87_500, 800], // 2000 + 2000
      [2, 3_500, 91_000, 700], // 2000 + 1500
      [2, 3_000, 94_000, 600], // 1500 + 1500
      [2, 2_500, 96_500, 500], // 1500 + 1000
      [2, 2_000, 98_500, 400], // 1000 + 1000
      [2, 1_500, 100_000, 300], // 1000 + 500
    ];
    analysis.monetary.forEach((group, i) => {
      const [count, revenue, cumulative, profit] = paper[i]!;
      expect(group).toMatchObject({ decile: i + 1, customers: count, revenueMinor: revenue, profitMinor: profit });
      expect(group.share).toBeCloseTo(revenue! / 100_000, 12); // 0.485, 0.2, 0.1, 0.05, ...
      expect(group.cumulativeShare).toBeCloseTo(cumulative! / 100_000, 12); // 0.485, 0.685, 0.785, ...
      expect(group.profitShare).toBeCloseTo(profit! / 17_300, 12); // 7000/17300 = 0.404624...
    });
    expect(analysis.monetary[0]!.profitShare).toBeCloseTo(0.4046243, 6);
    expect(analysis.monetary[9]!.cumulativeShare).toBe(1);
  });

  it('counts purchase deciles from the cumulative revenue', () => {
    // cum_j: 23500, 38500, 48500, 56500, 63500, 68500, 72500, 75500, 78500, 81000, 83500, ...,
    //        89500 (j14), 91000 (j15), ..., 100000 (j23). c_k = first j with cum_j >= 10000 k:
    // k1 10000 -> 1; k2 20000 -> 1; k3 30000 -> 2; k4 40000 -> 3; k5 50000 -> 4; k6 60000 -> 5;
    // k7 70000 -> 7 (68500 < 70000); k8 80000 -> 10 (78500 < 80000); k9 90000 -> 15; k10 -> 23.
    expect(analysis.purchase.map((d) => d.cumulativeCustomers)).toEqual([1, 1, 2, 3, 4, 5, 7, 10, 15, 23]);
    // c_k - c_(k-1)
    expect(analysis.purchase.map((d) => d.customers)).toEqual([1, 0, 1, 1, 1, 1, 2, 3, 5, 8]);
  });

  it('answers the benchmarks', () => {
    expect(analysis.benchmarks.top10Share).toBeCloseTo(0.485, 12); // decile 1
    expect(analysis.benchmarks.top20Share).toBeCloseTo(0.685, 12); // deciles 1 + 2
    expect(analysis.benchmarks.firstTenthCustomerShare).toBeCloseTo(1 / 23, 12); // c_1 / n = 0.0434783
  });

  it('has no profit share when one counted customer has no known cost', () => {
    const unknown = deciles(population.map((c) => (c.customerId === 'd05' ? { ...c, profitMinor: null } : c)));
    expect(unknown.totalProfitMinor).toBeNull();
    expect(unknown.monetary.every((g) => g.profitShare === null && g.profitMinor === null)).toBe(true);
    expect(deciles(population, { by: 'profit' }).metric).toBe('profit');
  });
});

describe('purchase decile cutoffs', () => {
  it('counts a cumulative that lands exactly on k tenths', () => {
    // 50, 30, 10, 10 (total 100): cum 50, 80, 90, 100.
    // k1..k5 need 10..50 -> j1 (50 >= 50 inclusive); k6 60 -> 2; k7 70, k8 80 -> 2; k9 90 -> 3; k10 -> 4.
    expect(purchaseDecileCutoffs([50, 30, 10, 10])).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 3, 4]);
  });

  it('stays exact past 2^53', () => {
    // Two customers of 2^52 each: total 2^53; 10 × cum_1 = 10 × 2^52 >= k × 2^53 for k <= 5.
    const half = 2 ** 52;
    expect(purchaseDecileCutoffs([half, half])).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  });
});

describe('ordering by profit and C5 ties', () => {
  const four: DecileCustomer[] = [
    { customerId: 'A', revenueMinor: 1_000, profitMinor: 100 },
    { customerId: 'C', revenueMinor: 500, profitMinor: 400 },
    { customerId: 'B', revenueMinor: 800, profitMinor: 400 },
    { customerId: 'D', revenueMinor: 200, profitMinor: -50 },
  ];

  it('orders the monetary deciles by profit when every profit is known', () => {
    const analysis = deciles(four, { by: 'profit' });
    expect(analysis.metric).toBe('profit');
    // profit order: B 400, C 400 (tie: 'B' < 'C'), A 100, D -50; total revenue 2500, profit 850.
    const rows = analysis.monetary.slice(0, 4).map((g) => [g.revenueMinor, g.share, g.cumulativeShare, g.profitShare]);
    expect(rows[0]).toEqual([800, 800 / 2500, 800 / 2500, 400 / 850]); // 0.32, 0.32, 0.470588
    expect(rows[1]).toEqual([500, 500 / 2500, 1300 / 2500, 400 / 850]); // 0.2, 0.52
    expect(rows[2]).toEqual([1_000, 1000 / 2500, 2300 / 2500, 100 / 850]); // 0.4, 0.92
    expect(rows[3]).toEqual([200, 200 / 2500, 1, -50 / 850]); // 0.08, 1
    expect(analysis.monetary.slice(4).every((g) => g.customers === 0 && g.share === 0 && g.cumulativeShare === 1)).toBe(true);
    expect(analysis.benchmarks).toEqual({ top10Share: 0.32, top20Share: 0.52, firstTenthCustomerShare: 0.25 });
    // Purchase deciles stay in revenue order: A 1000, B 800, C 500, D 200; cum 1000, 1800, 2300, 2500;
    // k × 250: k1..k4 -> 1; k5 1250, k6 1500, k7 1750 -> 2; k8 2000, k9 2250 -> 3; k10 -> 4.
    expect(analysis.purchase.map((d) => d.customers)).toEqual([1, 0, 0, 0, 1, 0, 0, 1, 0, 1]);
  });

  it('falls back to revenue when a profit is unknown', () => {
    const analysis = deciles(four.map((c) => (c.customerId === 'D' ? { ...c, profitMinor: null } : c)), { by: 'profit' });
    expect(analysis.metric).toBe('revenue');
    expect(analysis.monetary.slice(0, 4).map((g) => g.revenueMinor)).toEqual([1_000, 800, 500, 200]);
  });

  it('breaks revenue ties by customerId in code-unit order', () => {
    const tied = ['a', 'B', 'A'].map((customerId, i) => ({ customerId, revenueMinor: 100, profitMinor: i + 1 }));
    // order 'A' (profit 3), 'B' (2), 'a' (1); total profit 6
    expect(deciles(tied).monetary.slice(0, 3).map((g) => g.profitMinor)).toEqual([3, 2, 1]);
  });

  it('answers an empty population with zeros', () => {
    const empty = deciles([{ customerId: 'x', revenueMinor: 0, profitMinor: null }]);
    expect(empty).toMatchObject({ customers: 0, excludedNonPositive: 1, totalRevenueMinor: 0 });
    expect(empty.monetary.every((g) => g.customers === 0 && g.share === 0)).toBe(true);
    expect(empty.purchase.every((d) => d.customers === 0)).toBe(true);
    expect(empty.benchmarks).toEqual({ top10Share: 0, top20Share: 0, firstTenthCustomerShare: 0 });
  });

  it('refuses a customer twice', () => {
    expect(() => deciles([four[0]!, four[0]!])).toThrow(RangeError);
  });
});
