import { registered, startApi, type Call, type TestApi } from '../support/api';

type Operation = { summary?: string; tags?: string[] };

/** Every route of the OpenAPI document, as the auditor calls it: it reads all an auditor is for, and writes nothing. */
describe('the auditor role, route by route (PostgreSQL)', () => {
  let api: TestApi;
  let auditor: Call;
  let routes: { method: string; path: string; integrators: boolean }[];
  beforeAll(async () => {
    api = await startApi({ checkpointSeconds: 0 });
    auditor = await api.as('auditor');
    await registered(api.call, 'aud-1');
    await api.call('POST', '/v1/customers/aud-1/contacts', { contactId: 'ct-1', name: '审计', level: 'executive', role: 'decision-maker' });
    await api.call('POST', '/v1/customers/aud-1/purchases', { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'A', category: 'booths', quantity: 1, unitPriceMinor: 100 }] });
    await api.call('POST', '/v1/customers/aud-1/complaints', { complaintId: 'cp-1', category: 'delivery', severity: 'low', channel: 'call', description: 'x', receivedBy: 'agent-wu' });
    const document = (await (await fetch(`${api.url}/docs-json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, integrators: operation.tags?.includes('integrators') ?? false })),
    );
  });
  afterAll(() => api.close());

  /** The route's path with its parameters filled in with what the fixture holds. */
  const concrete = (path: string) =>
    path.replace('{id}', 'aud-1').replace('{contactId}', 'ct-1').replace('{complaintId}', 'cp-1').replace('{orderId}', 'SO-1').replace('{name}', 'all').replace('{keyId}', '00000000-0000-4000-8000-000000000000');

  it('is refused every write, before anything is looked at, and writes nothing', async () => {
    const writes = routes.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(30);
    const head = (await api.call('GET', '/v1/customers/aud-1')).headers.get('etag');
    for (const { method, path } of writes) {
      const answer = await auditor(method, concrete(path), {});
      expect({ method, path, status: answer.status, code: answer.body?.code }).toEqual({ method, path, status: 403, code: 'forbidden' });
    }
    expect((await api.call('GET', '/v1/customers/aud-1')).headers.get('etag')).toBe(head);
    expect((await api.call('GET', '/v1/checkpoints')).body.checkpoints).toEqual([]);
  });

  it("reads every read route but the management of API keys and the integrators' event stream", async () => {
    const reads = routes.filter((r) => r.method === 'GET');
    const refused: string[] = [];
    for (const { path } of reads) {
      const answer = await auditor('GET', concrete(path));
      if (answer.status === 403) refused.push(path);
      else expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
    expect(refused).toEqual(['/v1/api-keys', ...reads.filter((r) => r.integrators).map((r) => r.path)]);
    expect(refused.length).toBeGreaterThan(3);
  });
});
