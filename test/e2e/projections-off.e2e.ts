import { startApi, type TestApi } from '../support/api';

/** CRM_PROJECTIONS=off: this process records and answers, another one (none here) would project. */
describe('a service that does not apply the read models (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ runProjections: false });
  });
  afterAll(() => api.close());

  it('says so in /v1/projections and answers reads as of the checkpoint, without waiting for a projector', async () => {
    expect((await api.call('POST', '/v1/customers', { customerId: 'off-1', kind: 'person', name: 'Off One' })).status).toBe(201);
    const status = (await api.call('GET', '/v1/projections')).body as { status: string; position: number; lagEvents: number; heldBy: string | null }[];
    expect(status.length).toBeGreaterThan(0);
    for (const p of status) expect(p).toMatchObject({ status: 'stopped', position: 0, lagEvents: 1, heldBy: null });
    const started = Date.now();
    const history = await api.call('GET', '/v1/customers/off-1/history');
    const funnel = await api.call('GET', '/v1/analytics/funnel');
    expect(history.body.entries).toEqual([]);
    expect(funnel.body.customers).toBe(0);
    // Nothing to wait for: the read-your-writes wait (2 s at most) is for a projection some process
    // applies; two reads that waited would take 4 s.
    expect(Date.now() - started).toBeLessThan(3_500);
  });
});
