import { startApi, type Call, type TestApi } from '../support/api';

/**
 * RFM and the loyalty index over HTTP, worked out by hand. asOf 2024-07-01; all registered
 * 2023-01-01; CNY orders without cost (metric revenue):
 * - L1: 2024-06-01 100,000 notebooks (30 days before: quarter 1), 2024-03-15 50,000 printers
 *   (108 days: quarter 2), 2023-07-10 30,000 notebooks (357 days: quarter 4); refers L2 (who
 *   buys) and L9 (who does not); resisted one offer, partially switched on another; a complaint
 *   on 2024-01-01 followed by a purchase; satisfaction 4 on 2024-02-01.
 * - L2: 2024-05-01 20,000 (61 days). L3: 2023-01-15 10,000 (533 days: out of the year). L4: nothing.
 */
describe('RFM, loyalty and the four degrees (PostgreSQL)', () => {
  let api: TestApi;
  let call: Call;
  const asOf = '2024-07-01T00:00:00Z';
  beforeAll(async () => {
    api = await startApi();
    call = api.call;
    const post = async (path: string, body: Record<string, unknown>, day: string) => {
      const answer = await call('POST', path, { ...body, occurredAt: `${day}T00:00:00Z` });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    };
    const buy = (id: string, orderId: string, amount: number, category: string, day: string) =>
      post(`/v1/customers/${id}/purchases`, { orderId, currency: 'CNY', lines: [{ sku: 'X', category, quantity: 1, unitPriceMinor: amount }] }, day);
    for (const id of ['L1', 'L2', 'L3', 'L4', 'L9']) await post('/v1/customers', { customerId: id, kind: 'organization', name: id }, '2023-01-01');
    await buy('L1', 'SO-1', 100_000, 'notebooks', '2024-06-01');
    await buy('L1', 'SO-2', 50_000, 'printers', '2024-03-15');
    await buy('L1', 'SO-3', 30_000, 'notebooks', '2023-07-10');
    await post('/v1/customers/L1/referrals', { referredCustomerId: 'L2' }, '2024-01-10');
    await post('/v1/customers/L1/referrals', { referredCustomerId: 'L9' }, '2024-01-11');
    await post('/v1/customers/L1/competitor-contacts', { competitor: 'Rival', offer: '5% off', outcome: 'resisted' }, '2024-02-10');
    await post('/v1/customers/L1/competitor-contacts', { competitor: 'Rival', offer: '8% off', outcome: 'partially-switched' }, '2024-04-10');
    await post('/v1/customers/L1/complaints', { complaintId: 'cp-1', category: 'delivery', severity: 'low', channel: 'call', description: 'Late', receivedBy: 'wu' }, '2024-01-01');
    await post('/v1/customers/L1/surveys', { satisfaction: 4 }, '2024-02-01');
    await buy('L2', 'SO-1', 20_000, 'notebooks', '2024-05-01');
    await buy('L3', 'SO-1', 10_000, 'notebooks', '2023-01-15');
  });
  afterAll(() => api.close());

  it('scores RFM among the customers with a counted order, and the index with every component', async () => {
    const answer = await call('GET', `/v1/customers/L1/loyalty?asOf=${asOf}`);
    expect(answer.status).toBe(200);
    // n = 3 scored (L1, L2, L3). L1 is better than both on R, F and M: w = 2, s = 1 + floor(10 / 3) = 4; lifetime l = 4 too.
    expect(answer.body.rfm).toEqual({ recencyDays: 30, frequency: 3, monetaryMinor: 180_000, r: 4, f: 4, m: 4 });
    const value = Object.fromEntries(answer.body.components.map((c: { name: string; value: number }) => [c.name, c.value]));
    expect(value).toEqual({
      repeat: 0.75, // quarters 1, 2 and 4 of 4
      crossCategory: 0.5, // (2 categories - 1) / 2
      referrals: 0.75, // (1 + 0.5 x 1) / 2
      competitorResistance: 0.75, // mean of 1 and 0.5
      complaintTolerance: 1, // 1 eligible (filed by 2024-04-02), 1 stayed
      duration: 357 / 1095, // days since the first counted order / 1095
      frequencyRevenue: 0.75, // (4 + 4 - 2) / 8
      lifetimeValue: 0.75, // (4 - 1) / 4
    });
    // 15 + 5 + 7.5 + 11.25 + 10 + 3.26 + 11.25 + 7.5 = 70.76
    expect(answer.body.index).toBe(71);
    expect(answer.body.components.map((c: { weight: number }) => c.weight)).toEqual([20, 10, 10, 15, 10, 10, 15, 10]);
    // Satisfaction (4 - 1) x 25; contribution 180,000 of 200,000 in the tier year.
    expect(answer.body.degrees).toEqual({ satisfaction: 75, loyalty: 71, contribution: 0.9, dependence: null });
  });

  it('scores the others among the same population, and answers none without a counted order', async () => {
    expect((await call('GET', `/v1/customers/L2/loyalty?asOf=${asOf}`)).body.rfm).toEqual({ recencyDays: 61, frequency: 1, monetaryMinor: 20_000, r: 2, f: 2, m: 2 });
    expect((await call('GET', `/v1/customers/L3/loyalty?asOf=${asOf}`)).body.rfm).toEqual({ recencyDays: 533, frequency: 0, monetaryMinor: 0, r: 1, f: 1, m: 1 });
    expect((await call('GET', `/v1/customers/L4/loyalty?asOf=${asOf}`)).body).toEqual({
      customerId: 'L4', asOf: '2024-07-01T00:00:00.000Z', rfm: null, index: null, reason: 'no-purchases', components: [],
      degrees: { satisfaction: null, loyalty: null, contribution: 0, dependence: null },
    });
  });
});
