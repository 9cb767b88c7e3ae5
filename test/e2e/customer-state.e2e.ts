import { createPostgresEventStore } from '@crm/event-store';
import { registered, startApi, type TestApi } from '../support/api';

describe('GET /v1/customers/:id (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('shows the customer as of its last event, with the stream version as ETag', async () => {
    await registered(api.call, 'view-1', { industry: 'IT retail', region: 'Guangdong' });
    await api.call('POST', '/v1/customers/view-1/account-manager', { managerId: 'am-zhang', occurredAt: '2024-01-02T00:00:00Z' });
    await api.call('POST', '/v1/customers/view-1/contacts', { contactId: 'ct-1', name: '李娜', level: 'executive', role: 'decision-maker' });
    await api.call('POST', '/v1/customers/view-1/purchases', { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'A', category: 'c', quantity: 2, unitPriceMinor: 500 }] });
    await api.call('POST', '/v1/customers/view-1/purchases/SO-1/refunds', { refundId: 'r1', amountMinor: 300, currency: 'CNY' });
    await api.call('POST', '/v1/customers/view-1/complaints', { complaintId: 'cp-1', category: 'delivery', severity: 'critical', channel: 'call', description: 'Late', receivedBy: 'agent-wu', occurredAt: '2024-03-01T08:00:00Z' });
    const response = await api.call('GET', '/v1/customers/view-1');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"5"');
    expect(response.body).toMatchObject({
      customerId: 'view-1',
      status: 'active',
      kind: 'organization',
      industry: 'IT retail',
      accountManager: { managerId: 'am-zhang', since: '2024-01-02T00:00:00.000Z' },
      contacts: [{ contactId: 'ct-1', name: '李娜', level: 'executive', role: 'decision-maker', removed: null }],
      purchases: { orderCount: 1, totals: { CNY: { grossMinor: 1000, refundedMinor: 300, netMinor: 700 } } },
      complaints: { openCount: 1, items: [{ complaintId: 'cp-1', owner: 'agent-wu', status: 'filed', dueAt: '2024-03-01T12:00:00.000Z' }] },
      streamVersion: 5,
    });
    const unchanged = await api.call('GET', '/v1/customers/view-1', undefined, { 'if-none-match': '"5"' });
    expect(unchanged.status).toBe(304);
  });

  it('sees events written by another process', async () => {
    await registered(api.call, 'view-2');
    expect((await api.call('GET', '/v1/customers/view-2')).body.starRating).toBeNull();
    const elsewhere = await createPostgresEventStore(api.databaseUrl);
    try {
      await elsewhere.append('customer-view-2', [{ type: 'StarRated', data: { stars: 5 }, metadata: { occurredAt: '2024-05-01T00:00:00Z' } }], 0);
    } finally {
      await elsewhere.close();
    }
    const response = await api.call('GET', '/v1/customers/view-2');
    expect(response.body.starRating).toEqual({ stars: 5, at: '2024-05-01T00:00:00.000Z' });
    expect(response.headers.get('etag')).toBe('"1"');
    const next = await api.call('POST', '/v1/customers/view-2/star-rating', { stars: 2 });
    expect(next.body.streamVersion).toBe(2);
  });

  it('answers 404 for an unknown customer and 410 for an erased one', async () => {
    expect((await api.call('GET', '/v1/customers/nobody')).status).toBe(404);
    await registered(api.call, 'view-3');
    await api.call('POST', '/v1/customers/view-3/erasure', { basis: 'data-subject-request' });
    const erased = await api.call('GET', '/v1/customers/view-3');
    expect(erased.status).toBe(410);
    expect(erased.body.code).toBe('customer-erased');
  });

  it('lets writers, auditors and analysts read; integrators get 403, strangers 401', async () => {
    await registered(api.call, 'view-4');
    for (const role of ['writer', 'auditor', 'analyst'] as const) {
      expect((await (await api.as(role))('GET', '/v1/customers/view-4')).status).toBe(200);
    }
    expect((await (await api.as('integrator'))('GET', '/v1/customers/view-4')).status).toBe(403);
    expect((await api.withAuthorization(undefined)('GET', '/v1/customers/view-4')).status).toBe(401);
  });
});
