import { registered, startApi, type TestApi } from '../support/api';

describe('a deployment with its own complaint SLA (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ complaintSlaHours: { critical: 2 } });
  });
  afterAll(() => api.close());

  it('dates a complaint by the configured SLA and carries X-Causation-Id', async () => {
    await registered(api.call, 'sla-1');
    const complaint = (severity: string, complaintId: string) => ({
      complaintId,
      category: 'supply',
      severity,
      channel: 'call',
      description: 'Out of stock before the holiday',
      receivedBy: 'agent-1',
      occurredAt: '2024-09-01T08:00:00Z',
    });
    const critical = await api.call('POST', '/v1/customers/sla-1/complaints', complaint('critical', 'cp-1'), { 'x-causation-id': 'call-77' });
    expect(critical.body.events[0].data.dueAt).toBe('2024-09-01T10:00:00.000Z');
    expect(critical.body.events[0].metadata.causationId).toBe('call-77');
    const high = await api.call('POST', '/v1/customers/sla-1/complaints', complaint('high', 'cp-2'));
    expect(high.body.events[0].data.dueAt).toBe('2024-09-02T08:00:00.000Z');
  });
});

describe('a deployment with its own analytics settings (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ analyticsCurrency: 'USD', tierPolicy: { keyShare: 0.5, generalShare: 0.5 }, careCadenceDays: { small: 3 } });
  });
  afterAll(() => api.close());

  it('counts orders in its currency only, cuts tiers at its shares, and visits at its cadence', async () => {
    for (const id of ['fx-1', 'fx-2']) await registered(api.call, id);
    const buy = (id: string, currency: string, amount: number) =>
      api.call('POST', `/v1/customers/${id}/purchases`, { orderId: `SO-${currency}`, currency, lines: [{ sku: 'AD', category: 'advertising', quantity: 1, unitPriceMinor: amount }] });
    expect((await buy('fx-1', 'USD', 5_000)).status).toBe(201);
    expect((await buy('fx-2', 'CNY', 900_000)).status).toBe(201);
    const deciles = await api.call('GET', '/v1/analytics/deciles');
    expect(deciles.body).toMatchObject({ excludedOrders: 1, benchmarks: { top10Share: 1 } });
    // n = 2: key = ceil(0.5 x 2) = 1 (fx-1, the only USD value); fx-2 would be general (up to ceil(1.0 x 2) = 2) but has no value in USD: small.
    const tiers = await api.call('GET', '/v1/analytics/tiers');
    expect(tiers.body.counts).toEqual({ key: 1, general: 0, small: 1 });
    expect(tiers.body.customers[0]).toMatchObject({ customerId: 'fx-1', tier: 'key', valueMinor: 5_000 });
    const agenda = await api.call('GET', '/v1/care-agenda?days=0');
    expect(agenda.body.cadenceDays).toEqual({ key: 7, general: 28, small: 3 });
  });
});
