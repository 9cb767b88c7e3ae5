import { startApi, type Call, type TestApi } from '../support/api';

/**
 * The lifecycle read model over HTTP, on a fixture worked out by hand (business times, UTC):
 * - a: registered 01-01, qualified 01-05, buys 02-01 and 03-01, friend-level 04-01, refers 05-01 (2023);
 * - b: registered 01-10, nothing else;
 * - c: registered 01-15, disqualified 02-01, qualified again 03-01.
 */
describe('the lifecycle read model (PostgreSQL)', () => {
  let api: TestApi;
  let call: Call;
  const order = (orderId: string) => ({ orderId, currency: 'CNY', lines: [{ sku: 'NB-1', category: 'notebooks', quantity: 1, unitPriceMinor: 500_000 }] });
  beforeAll(async () => {
    api = await startApi();
    call = api.call;
    const facts: [string, Record<string, unknown>, string][] = [
      ['/v1/customers', { customerId: 'a', kind: 'organization', name: 'A' }, '2023-01-01'],
      ['/v1/customers', { customerId: 'b', kind: 'organization', name: 'B' }, '2023-01-10'],
      ['/v1/customers', { customerId: 'c', kind: 'organization', name: 'C' }, '2023-01-15'],
      // Recorded out of business order: the referral first, the purchases last.
      ['/v1/customers/a/referrals', { referredCustomerId: 'b' }, '2023-05-01'],
      ['/v1/customers/a/qualification', {}, '2023-01-05'],
      ['/v1/customers/a/relationship-level', { level: 'friend' }, '2023-04-01'],
      ['/v1/customers/a/purchases', order('SO-2'), '2023-03-01'],
      ['/v1/customers/a/purchases', order('SO-1'), '2023-02-01'],
      ['/v1/customers/c/disqualification', { reason: 'No trade licence' }, '2023-02-01'],
      ['/v1/customers/c/qualification', { reason: 'Licence granted' }, '2023-03-01'],
    ];
    for (const [path, body, day] of facts) {
      const answer = await call('POST', path, { ...body, occurredAt: `${day}T00:00:00Z` });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    }
  });
  afterAll(() => api.close());

  const day = (d: string) => `${d}T00:00:00.000Z`;

  it("answers a customer's stage as of a moment, since when, and the stays before it", async () => {
    const answer = await call('GET', '/v1/customers/a/lifecycle?asOf=2023-06-01T00:00:00Z');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      customerId: 'a',
      asOf: day('2023-06-01'),
      stage: 'advocate',
      since: day('2023-05-01'),
      history: [
        { stage: 'suspect', from: day('2023-01-01'), to: day('2023-01-05') },
        { stage: 'prospect', from: day('2023-01-05'), to: day('2023-02-01') },
        { stage: 'first-time-buyer', from: day('2023-02-01'), to: day('2023-03-01') },
        { stage: 'repeat-buyer', from: day('2023-03-01'), to: day('2023-04-01') },
        { stage: 'client', from: day('2023-04-01'), to: day('2023-05-01') },
        { stage: 'advocate', from: day('2023-05-01'), to: null },
      ],
    });
    const earlier = await call('GET', '/v1/customers/a/lifecycle?asOf=2023-03-15T00:00:00Z');
    expect(earlier.body).toMatchObject({ stage: 'repeat-buyer', since: day('2023-03-01') });
    expect(earlier.body.history.at(-1)).toEqual({ stage: 'repeat-buyer', from: day('2023-03-01'), to: null });
    const before = await call('GET', '/v1/customers/a/lifecycle?asOf=2022-12-31T23:59:59Z');
    expect(before.body).toMatchObject({ stage: null, since: null, history: [] });
  });

  it('lapses the customer 365 days and 1 ms after the last purchase, not at 365 days', async () => {
    // 2023-03-01 + 365 days = 2024-02-29 (a leap year).
    expect((await call('GET', '/v1/customers/a/lifecycle?asOf=2024-02-29T00:00:00.000Z')).body.stage).toBe('advocate');
    const lapsed = await call('GET', '/v1/customers/a/lifecycle?asOf=2024-02-29T00:00:00.001Z');
    expect(lapsed.body).toMatchObject({ stage: 'lapsed', since: '2024-02-29T00:00:00.001Z' });
  });

  it('clears a disqualification with a requalification', async () => {
    const c = await call('GET', '/v1/customers/c/lifecycle?asOf=2023-06-01T00:00:00Z');
    expect(c.body.history.map((s: { stage: string }) => s.stage)).toEqual(['suspect', 'disqualified', 'prospect']);
  });

  it('answers the funnel of a cohort, worked out by hand', async () => {
    const all = await call('GET', '/v1/analytics/funnel?asOf=2023-06-01T00:00:00Z');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      asOf: day('2023-06-01'),
      registeredFrom: null,
      registeredTo: null,
      customers: 3,
      stages: [
        // a 4 days, c 17 (01-15 to 02-01), b 142 (01-10 to 06-01): median 17.
        { stage: 'suspect', current: 1, reached: 3, conversionToNext: 2 / 3, medianDaysInStage: 17 },
        // a 27 days (01-05 to 02-01), c 92 (03-01 to 06-01): (27 + 92) / 2.
        { stage: 'prospect', current: 1, reached: 2, conversionToNext: 1 / 2, medianDaysInStage: 59.5 },
        { stage: 'first-time-buyer', current: 0, reached: 1, conversionToNext: 1, medianDaysInStage: 28 },
        { stage: 'repeat-buyer', current: 0, reached: 1, conversionToNext: 1, medianDaysInStage: 31 },
        { stage: 'client', current: 0, reached: 1, conversionToNext: 1, medianDaysInStage: 30 },
        { stage: 'advocate', current: 1, reached: 1, conversionToNext: 0, medianDaysInStage: 31 },
        { stage: 'partner', current: 0, reached: 0, conversionToNext: null, medianDaysInStage: null },
      ],
    });
    const cohort = await call('GET', '/v1/analytics/funnel?asOf=2023-06-01T00:00:00Z&registeredFrom=2023-01-10T00:00:00Z');
    expect(cohort.body).toMatchObject({ customers: 2, registeredFrom: '2023-01-10T00:00:00Z' });
    expect(cohort.body.stages[0]).toMatchObject({ stage: 'suspect', current: 1, reached: 2 });
  });

  it('refuses bad parameters and unknown customers', async () => {
    expect((await call('GET', '/v1/customers/nobody/lifecycle')).status).toBe(404);
    const bad = await call('GET', '/v1/analytics/funnel?registeredFrom=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('registeredFrom');
    expect((await call('GET', '/v1/customers/a/lifecycle?stage=client')).status).toBe(400);
  });
});
