import { startApi, type Call, type TestApi } from '../support/api';

/**
 * The complaint board over HTTP, on a fixture worked out by hand. SLA hours (defaults):
 * high 24, low 168. Business times, UTC, 2024-03:
 * - k1/cp-1 high, received by wu 01 08:00, acknowledged, transferred to ma 01 10:00: due 02 08:00;
 * - k1/cp-2 low, received by wu 01 09:00, acknowledged, resolved 01 19:00 (10 h, in time), closed with 4;
 * - k2/cp-3 high, received by li 01 12:00, resolved 02 18:00 (30 h, late), reopened 03 09:00: due 04 09:00.
 */
describe('the complaint board (PostgreSQL)', () => {
  let api: TestApi;
  let call: Call;
  beforeAll(async () => {
    api = await startApi();
    call = api.call;
    const at = (d: string) => `2024-03-${d}:00Z`;
    const facts: [string, Record<string, unknown>, string][] = [
      ['/v1/customers', { customerId: 'k1', kind: 'organization', name: 'K1' }, '01T00:00'],
      ['/v1/customers', { customerId: 'k2', kind: 'organization', name: 'K2' }, '01T00:00'],
      ['/v1/customers/k1/complaints', { complaintId: 'cp-1', category: 'delivery', severity: 'high', channel: 'call', description: 'Late', receivedBy: 'wu' }, '01T08:00'],
      ['/v1/customers/k1/complaints/cp-1/acknowledge', {}, '01T09:30'],
      ['/v1/customers/k1/complaints/cp-1/transfer', { to: 'ma', reason: 'Carrier' }, '01T10:00'],
      ['/v1/customers/k1/complaints', { complaintId: 'cp-2', category: 'product-quality', severity: 'low', channel: 'email', description: 'Scratch', receivedBy: 'wu' }, '01T09:00'],
      ['/v1/customers/k1/complaints/cp-2/acknowledge', {}, '01T10:00'],
      ['/v1/customers/k1/complaints/cp-2/resolve', { resolution: 'Replaced' }, '01T19:00'],
      ['/v1/customers/k1/complaints/cp-2/close', { satisfaction: 4 }, '01T20:00'],
      ['/v1/customers/k2/complaints', { complaintId: 'cp-3', category: 'delivery', severity: 'high', channel: 'visit', description: 'Broken', receivedBy: 'li' }, '01T12:00'],
      ['/v1/customers/k2/complaints/cp-3/acknowledge', {}, '01T13:00'],
      ['/v1/customers/k2/complaints/cp-3/resolve', { resolution: 'Repaired' }, '02T18:00'],
      ['/v1/customers/k2/complaints/cp-3/reopen', { reason: 'Broke again' }, '03T09:00'],
    ];
    for (const [path, body, when] of facts) {
      const answer = await call('POST', path, { ...body, occurredAt: at(when) });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    }
  });
  afterAll(() => api.close());

  it('shows the open complaints with owner, age and SLA, in due order, and the stats', async () => {
    const board = await call('GET', '/v1/complaints/board?asOf=2024-03-03T12:00:00Z');
    expect(board.status).toBe(200);
    expect(board.body.asOf).toBe('2024-03-03T12:00:00.000Z');
    expect(board.body.open).toEqual([
      {
        customerId: 'k1', complaintId: 'cp-1', status: 'acknowledged', severity: 'high', category: 'delivery', channel: 'call',
        firstResponder: 'wu', owner: 'ma', escalationLevel: 0, reopenCount: 0,
        filedAt: '2024-03-01T08:00:00.000Z', dueAt: '2024-03-02T08:00:00.000Z', open: true,
        ageHours: 52, breached: true, overdueHours: 28,
      },
      {
        customerId: 'k2', complaintId: 'cp-3', status: 'reopened', severity: 'high', category: 'delivery', channel: 'visit',
        firstResponder: 'li', owner: 'li', escalationLevel: 0, reopenCount: 1,
        filedAt: '2024-03-01T12:00:00.000Z', dueAt: '2024-03-04T09:00:00.000Z', open: true,
        ageHours: 48, breached: false, overdueHours: 0,
      },
    ]);
    // Cycles resolved by then: cp-2 in 10 h (in time), cp-3 in 30 h (late); one closing, satisfaction 4.
    expect(board.body.stats).toEqual({ meanHoursToResolve: 20, slaAttainment: 0.5, meanSatisfaction: 4 });
  });

  it('is in time exactly at the due time and breached 1 ms later', async () => {
    const at = async (asOf: string) => (await call('GET', `/v1/complaints/board?asOf=${asOf}&owner=ma`)).body.open[0].breached;
    expect(await at('2024-03-02T08:00:00.000Z')).toBe(false);
    expect(await at('2024-03-02T08:00:00.001Z')).toBe(true);
  });

  it('filters by owner and severity, and refuses a bad one', async () => {
    const ma = await call('GET', '/v1/complaints/board?asOf=2024-03-03T12:00:00Z&owner=ma');
    expect(ma.body.open.map((r: { complaintId: string }) => r.complaintId)).toEqual(['cp-1']);
    expect(ma.body.stats).toEqual({ meanHoursToResolve: null, slaAttainment: null, meanSatisfaction: null });
    const low = await call('GET', '/v1/complaints/board?asOf=2024-03-03T12:00:00Z&severity=low');
    expect(low.body).toMatchObject({ open: [], stats: { meanHoursToResolve: 10, slaAttainment: 1, meanSatisfaction: 4 } });
    const bad = await call('GET', '/v1/complaints/board?severity=apocalyptic');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('severity');
  });

  it('leaves out the complaints of an erased customer from then on', async () => {
    expect((await call('POST', '/v1/customers/k2/erasure', { basis: 'data-subject-request', occurredAt: '2024-03-05T00:00:00Z' })).status).toBe(201);
    const after = await call('GET', '/v1/complaints/board?asOf=2024-03-05T00:00:00Z');
    expect(after.body.open.map((r: { complaintId: string }) => r.complaintId)).toEqual(['cp-1']);
    const before = await call('GET', '/v1/complaints/board?asOf=2024-03-04T00:00:00Z');
    expect(before.body.open.map((r: { complaintId: string }) => r.complaintId)).toEqual(['cp-1', 'cp-3']);
  });
});
