import { registered, startApi, type Call, type TestApi } from '../support/api';

type Operation = { tags?: string[] };

/** Every route of the OpenAPI document, as the integrator calls it: the feed and the subscriptions, nothing else. */
describe('the integrator role, route by route (PostgreSQL)', () => {
  let api: TestApi;
  let integrator: Call;
  let key: string;
  let routes: { method: string; path: string; integrators: boolean }[];
  beforeAll(async () => {
    api = await startApi({ checkpointSeconds: 0 });
    integrator = await api.as('integrator');
    key = (await api.call('POST', '/v1/api-keys', { name: 'integrator-live', role: 'integrator' })).body.key;
    await registered(api.call, 'int-1');
    const document = (await (await fetch(`${api.url}/docs-json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, integrators: operation.tags?.includes('integrators') ?? false })),
    );
  });
  afterAll(() => api.close());

  /** The route's path with its parameters filled in: known where the fixture has them, unknown ids elsewhere. */
  const concrete = (path: string) =>
    path
      .replace('{id}', path.startsWith('/v1/webhooks') ? '00000000-0000-4000-8000-000000000000' : 'int-1')
      .replace(/\{[A-Za-z]+\}/g, (parameter) => (parameter === '{name}' ? 'all' : 'x-1'));
  const open = new Set(['/health', '/v1/checkpoints/public-key']);

  it('is refused every route that is not the feed or a subscription, before anything is looked at', async () => {
    const others = routes.filter((r) => !r.integrators && !open.has(r.path));
    expect(others.length).toBeGreaterThan(40);
    const head = (await api.call('GET', '/v1/customers/int-1')).headers.get('etag');
    for (const { method, path } of others) {
      const answer = await integrator(method, concrete(path), method === 'GET' ? undefined : {});
      expect({ method, path, status: answer.status, code: answer.body?.code }).toEqual({ method, path, status: 403, code: 'forbidden' });
    }
    expect((await api.call('GET', '/v1/customers/int-1')).headers.get('etag')).toBe(head);
  });

  it('reaches every route of the feed, the live stream, consumer groups and webhooks', async () => {
    const mine = routes.filter((r) => r.integrators);
    expect(mine.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /v1/events', 'GET /v1/events/live', 'POST /v1/consumer-groups', 'POST /v1/consumer-groups/{name}/poll', 'POST /v1/webhooks']),
    );
    for (const { method, path } of mine) {
      if (path === '/v1/events/live') {
        const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
        await response.body?.cancel();
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        continue;
      }
      // Reached: answered by the route itself (a result, an unknown name, or the body refused), never 403.
      const answer = await integrator(method, concrete(path), method === 'GET' || method === 'DELETE' ? undefined : {});
      expect({ method, path, reached: [200, 201, 204, 400, 404].includes(answer.status) }).toEqual({ method, path, reached: true });
    }
  });
});
