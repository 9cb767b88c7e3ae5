import { startApi, type Call, type TestApi } from '../support/api';

/**
 * Tiers and deciles over HTTP, on a fixture worked out by hand. All registered 2024-01-01;
 * asOf 2024-06-30; no order has a cost, so the metric is revenue. Orders (CNY):
 * t1 100,000 (03-01) and a USD order; t2 80,000 (04-01) refunded 30,000 (05-01): net 50,000;
 * t3 60,000 on 2023-06-01 (395 days before: out of the tier year, in the all-time deciles);
 * t4 50,000 (05-01); t5 none; t6 disqualified, none; t7 10,000 and designated key ('brand');
 * t8 40,000, t9 30,000, t10 20,000; t11 20,000 then erased on 06-01.
 */
describe('tiers and deciles (PostgreSQL)', () => {
  let api: TestApi;
  let call: Call;
  const asOf = '2024-06-30T00:00:00Z';
  beforeAll(async () => {
    api = await startApi();
    call = api.call;
    const post = async (path: string, body: Record<string, unknown>, occurredAt: string) => {
      const answer = await call('POST', path, { ...body, occurredAt: `${occurredAt}T00:00:00Z` });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    };
    const buy = (id: string, orderId: string, amount: number, day: string, currency = 'CNY') =>
      post(`/v1/customers/${id}/purchases`, { orderId, currency, lines: [{ sku: 'NB', category: 'notebooks', quantity: 1, unitPriceMinor: amount }] }, day);
    for (let i = 1; i <= 11; i++) await post('/v1/customers', { customerId: `t${i}`, kind: 'organization', name: `T${i}` }, '2023-01-01');
    await buy('t1', 'SO-1', 100_000, '2024-03-01');
    await buy('t1', 'SO-USD', 70_000, '2024-03-02', 'USD');
    await buy('t2', 'SO-2', 80_000, '2024-04-01');
    await post('/v1/customers/t2/purchases/SO-2/refunds', { refundId: 'CN-1', amountMinor: 30_000, currency: 'CNY' }, '2024-05-01');
    await buy('t3', 'SO-3', 60_000, '2023-06-01');
    await buy('t4', 'SO-4', 50_000, '2024-05-01');
    await post('/v1/customers/t6/disqualification', { reason: 'Left the trade' }, '2024-02-01');
    await buy('t7', 'SO-7', 10_000, '2024-05-01');
    await post('/v1/customers/t7/tier-override', { tier: 'key', reason: 'brand' }, '2024-05-02');
    await buy('t8', 'SO-8', 40_000, '2024-05-01');
    await buy('t9', 'SO-9', 30_000, '2024-05-01');
    await buy('t10', 'SO-10', 20_000, '2024-05-01');
    await buy('t11', 'SO-11', 20_000, '2024-02-01');
    await post('/v1/customers/t11/erasure', { basis: 'data-subject-request' }, '2024-06-01');
  });
  afterAll(() => api.close());

  it('ranks the population and cuts it 10 / 30 / 60, an override moving nobody else', async () => {
    // n = 9 (t6 disqualified, t11 erased): key = ceil(0.9) = 1 rank, general up to ceil(3.6) = 4.
    const tiers = await call('GET', `/v1/analytics/tiers?asOf=${asOf}`);
    expect(tiers.status).toBe(200);
    expect(tiers.body).toMatchObject({ asOf: '2024-06-30T00:00:00.000Z', metric: 'revenue', policy: { keyShare: 0.1, generalShare: 0.3 }, counts: { key: 2, general: 3, small: 4 }, next: null });
    expect(tiers.body.customers.map((r: Record<string, unknown>) => [r.rank, r.customerId, r.valueMinor, r.tier, r.computedTier, r.source])).toEqual([
      [1, 't1', 100_000, 'key', 'key', 'computed'],
      [2, 't2', 50_000, 'general', 'general', 'computed'],
      [3, 't4', 50_000, 'general', 'general', 'computed'],
      [4, 't8', 40_000, 'general', 'general', 'computed'],
      [5, 't9', 30_000, 'small', 'small', 'computed'],
      [6, 't10', 20_000, 'small', 'small', 'computed'],
      [7, 't7', 10_000, 'key', 'small', 'override'],
      [8, 't3', 0, 'small', 'small', 'computed'],
      [9, 't5', 0, 'small', 'small', 'computed'],
    ]);
    const page = await call('GET', `/v1/analytics/tiers?asOf=${asOf}&limit=4`);
    expect(page.body.customers.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4]);
    const rest = await call('GET', `/v1/analytics/tiers?asOf=${asOf}&limit=4&cursor=${page.body.next}`);
    expect(rest.body.customers.map((r: { rank: number }) => r.rank)).toEqual([5, 6, 7, 8]);
    expect(rest.body.next).toBe('8');
    const small = await call('GET', `/v1/analytics/tiers?asOf=${asOf}&tier=small`);
    expect(small.body.customers.map((r: { customerId: string }) => r.customerId)).toEqual(['t9', 't10', 't3', 't5']);
  });

  it("answers one customer's tier, with the override's reason", async () => {
    expect((await call('GET', `/v1/customers/t7/tier?asOf=${asOf}`)).body).toEqual({
      customerId: 't7', asOf: '2024-06-30T00:00:00.000Z', tier: 'key', source: 'override', computedTier: 'small', reason: 'brand',
      rank: 7, valueMinor: 10_000, metric: 'revenue', policy: { keyShare: 0.1, generalShare: 0.3 },
    });
    expect((await call('GET', `/v1/customers/t6/tier?asOf=${asOf}`)).body).toMatchObject({ tier: null, rank: null, valueMinor: 0 });
    // Before the override and before t1's order, t7 (10,000 on 05-01 is later) and t1 have nothing.
    expect((await call('GET', '/v1/customers/t7/tier?asOf=2024-04-15T00:00:00Z')).body).toMatchObject({ tier: 'small', source: 'computed', valueMinor: 0 });
    expect((await call('GET', '/v1/customers/t11/tier')).status).toBe(410);
  });

  it('answers the decile analyses, worked out by hand', async () => {
    // All time, C2 at asOf: t1 100k, t3 60k, t2 50k, t4 50k, t8 40k, t9 30k, t10 20k, t7 10k; total 360k; n = 8.
    const d = await call('GET', `/v1/analytics/deciles?asOf=${asOf}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ from: null, metric: 'revenue', customers: 8, totalRevenueMinor: 360_000, excludedErased: 1, excludedOrders: 1 });
    // n = 8: deciles 1-8 hold one customer each, 9 and 10 none.
    expect(d.body.monetary.map((m: { customers: number; revenueMinor: number }) => [m.customers, m.revenueMinor])).toEqual([
      [1, 100_000], [1, 60_000], [1, 50_000], [1, 50_000], [1, 40_000], [1, 30_000], [1, 20_000], [1, 10_000], [0, 0], [0, 0],
    ]);
    expect(d.body.monetary[0].share).toBeCloseTo(100 / 360, 12);
    expect(d.body.monetary[1].cumulativeShare).toBeCloseTo(160 / 360, 12);
    // cumulative 100, 160, 210, 260, 300, 330, 350, 360: c_k = min j with 10 cum_j >= k 360 -> 1,1,2,2,3,4,4,5,6,8.
    expect(d.body.purchase.map((p: { customers: number }) => p.customers)).toEqual([1, 0, 1, 0, 1, 1, 0, 1, 1, 2]);
    expect(d.body.benchmarks.top10Share).toBeCloseTo(100 / 360, 12);
    expect(d.body.benchmarks.top20Share).toBeCloseTo(160 / 360, 12);
    expect(d.body.benchmarks.firstTenthCustomerShare).toBe(0.125);
    // From 2024-01-01: t3's 2023 order leaves, and with it t3.
    const recent = await call('GET', `/v1/analytics/deciles?asOf=${asOf}&from=2024-01-01T00:00:00Z`);
    expect(recent.body).toMatchObject({ customers: 7, totalRevenueMinor: 300_000 });
  });

  it('refuses bad parameters', async () => {
    for (const [query, path] of [['/v1/analytics/deciles?by=margin', 'by'], ['/v1/analytics/tiers?limit=0', 'limit'], ['/v1/analytics/tiers?tier=gold', 'tier']]) {
      const bad = await call('GET', query);
      expect({ query, status: bad.status, path: bad.body.errors?.[0]?.path }).toEqual({ query, status: 400, path });
    }
  });
});

/** Every counted order has a cost, so the metric is profit: each order's profit rounded half up (C4), then summed. */
describe('tiers and deciles by profit (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
    const post = async (path: string, body: Record<string, unknown>) => {
      const answer = await api.call('POST', path, { ...body, occurredAt: '2024-05-01T00:00:00Z' });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    };
    for (const id of ['p1', 'p2']) await post('/v1/customers', { customerId: id, kind: 'organization', name: id });
    const buy = (id: string, orderId: string, amount: number, costMinor: number) =>
      post(`/v1/customers/${id}/purchases`, { orderId, currency: 'CNY', lines: [{ sku: 'EV', category: 'events', quantity: 1, unitPriceMinor: amount }], costMinor });
    // p1: 200 at cost 101, refunded 100: net 100, profit 100 - round_half_up(101 x 100 / 200 = 50.5) = 49; and 10 at cost 3: 7. Total 56.
    await buy('p1', 'SO-1', 200, 101);
    await post('/v1/customers/p1/purchases/SO-1/refunds', { refundId: 'CN-1', amountMinor: 100, currency: 'CNY' });
    await buy('p1', 'SO-2', 10, 3);
    // p2: 100 at cost 33: profit 67.
    await buy('p2', 'SO-1', 100, 33);
  });
  afterAll(() => api.close());

  it('ranks by the summed profits and answers them', async () => {
    const asOf = '2024-06-30T00:00:00Z';
    const tiers = (await api.call('GET', `/v1/analytics/tiers?asOf=${asOf}`)).body;
    expect(tiers.metric).toBe('profit');
    expect(tiers.customers.map((c: { customerId: string; valueMinor: number }) => [c.customerId, c.valueMinor])).toEqual([['p2', 67], ['p1', 56]]);
    const deciles = (await api.call('GET', `/v1/analytics/deciles?asOf=${asOf}&by=profit`)).body;
    expect(deciles.metric).toBe('profit');
    // Revenue: p1 110, p2 100; by profit p2 leads: decile 1 is p2 with 100 of 210 revenue and 67 of 123 profit.
    expect(deciles.monetary[0]).toMatchObject({ decile: 1, customers: 1, revenueMinor: 100, profitShare: 67 / 123 });
  });
});
