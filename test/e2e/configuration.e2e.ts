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
