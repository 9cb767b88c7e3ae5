import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { roles, IdempotencyStore } from '@crm/api';
import { registered, startApi, type TestApi } from '../support/api';

describe('the HTTP contract of writes (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  describe('API keys and roles', () => {
    it('answers 401 without a key or with an unknown one, and lets /health and /docs through', async () => {
      const anonymous = api.withAuthorization(undefined);
      const noKey = await anonymous('POST', '/v1/customers', { kind: 'person', name: 'X' });
      expect(noKey.status).toBe(401);
      expect(noKey.headers.get('www-authenticate')).toBe('Bearer');
      expect(noKey.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await api.withAuthorization('Bearer crm_unknown')('POST', '/v1/customers', { kind: 'person', name: 'X' })).status).toBe(401);
      expect((await api.withAuthorization('Basic abc')('POST', '/v1/customers', { kind: 'person', name: 'X' })).status).toBe(401);
      expect((await anonymous('GET', '/health')).status).toBe(200);
      expect((await fetch(`${api.url}/docs`)).status).toBe(200);
    });

    it('lets writers and admins write; auditors, analysts and integrators get 403', async () => {
      await registered(api.call, 'roles-1');
      for (const role of roles) {
        const call = await api.as(role);
        const response = await call('POST', '/v1/customers/roles-1/star-rating', { stars: 3 });
        const allowed = role === 'writer' || role === 'admin';
        expect({ role, status: response.status }).toEqual({ role, status: allowed ? 201 : 403 });
        if (!allowed) expect(response.body.detail).toContain(role);
      }
    });

    it('lets only admins issue keys, stores them hashed and names the actor after the key', async () => {
      for (const role of roles.filter((r) => r !== 'admin')) {
        const call = await api.as(role);
        expect((await call('POST', '/v1/api-keys', { name: 'x', role: 'writer' })).status).toBe(403);
      }
      const issued = await api.call('POST', '/v1/api-keys', { name: 'pos-terminal-7', role: 'writer' });
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({ name: 'pos-terminal-7', role: 'writer' });
      expect(issued.body.key).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
      const stored = await api.call('POST', '/v1/api-keys', { name: 'x', role: 'superuser' });
      expect(stored.status).toBe(400);
      const terminal = api.withAuthorization(`Bearer ${issued.body.key}`);
      const written = await terminal('POST', '/v1/customers', { kind: 'person', name: '赵六' });
      expect(written.body.events[0].metadata.actor).toBe('pos-terminal-7');
    });
  });

  describe('If-Match', () => {
    it('writes only at the expected version, answering 409 with the current version otherwise', async () => {
      await registered(api.call, 'if-match-1');
      const ok = await api.call('POST', '/v1/customers/if-match-1/star-rating', { stars: 3 }, { 'if-match': '"0"' });
      expect(ok.status).toBe(201);
      expect(ok.headers.get('etag')).toBe('"1"');
      const stale = await api.call('POST', '/v1/customers/if-match-1/star-rating', { stars: 4 }, { 'if-match': '"0"' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'version-conflict', currentVersion: 1 });
      const malformed = await api.call('POST', '/v1/customers/if-match-1/star-rating', { stars: 4 }, { 'if-match': 'yesterday' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].path).toBe('If-Match');
    });

    it('lets exactly one of 20 concurrent writes with the same If-Match through', async () => {
      await registered(api.call, 'if-match-race');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          api.call('POST', '/v1/customers/if-match-race/interactions', { channel: 'call', direction: 'inbound', purpose: 'service', summary: `call ${i}` }, { 'if-match': '"0"' }),
        ),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
      const next = await api.call('POST', '/v1/customers/if-match-race/star-rating', { stars: 1 });
      expect(next.body.streamVersion).toBe(2);
    });

    it('without If-Match, concurrent writes are all recorded, one after the other', async () => {
      await registered(api.call, 'no-if-match');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          api.call('POST', '/v1/customers/no-if-match/interactions', { channel: 'call', direction: 'inbound', purpose: 'service', summary: `call ${i}` }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
      expect(answers.map((a) => a.body.streamVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });

  describe('Idempotency-Key', () => {
    const interaction = { channel: 'wechat', direction: 'inbound', purpose: 'service', summary: 'Asked for an invoice copy' };

    it('answers a retry with the first answer and writes once', async () => {
      await registered(api.call, 'idem-1');
      const first = await api.call('POST', '/v1/customers/idem-1/interactions', interaction, { 'idempotency-key': 'k-1' });
      const retry = await api.call('POST', '/v1/customers/idem-1/interactions', interaction, { 'idempotency-key': 'k-1' });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.text).toBe(first.text);
      expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
      const next = await api.call('POST', '/v1/customers/idem-1/star-rating', { stars: 2 });
      expect(next.body.streamVersion).toBe(2);
    });

    it('answers a retried registration without a client id with the id made the first time, in the body and in Location', async () => {
      const registration = { kind: 'person', name: 'Walk-in buyer' };
      const first = await api.call('POST', '/v1/customers', registration, { 'idempotency-key': 'k-reg' });
      const retry = await api.call('POST', '/v1/customers', registration, { 'idempotency-key': 'k-reg' });
      expect(first.status).toBe(201);
      expect(retry.text).toBe(first.text);
      expect(retry.headers.get('location')).toBe(`/v1/customers/${first.body.customerId}`);
      expect(first.headers.get('location')).toBe(`/v1/customers/${first.body.customerId}`);
    });

    it('refuses the same key on a different request with 422', async () => {
      await registered(api.call, 'idem-2');
      await api.call('POST', '/v1/customers/idem-2/interactions', interaction, { 'idempotency-key': 'k-2' });
      const other = await api.call('POST', '/v1/customers/idem-2/interactions', { ...interaction, summary: 'else' }, { 'idempotency-key': 'k-2' });
      expect(other.status).toBe(422);
      expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await api.call('GET', '/v1/customers/idem-2')).headers.get('etag')).toBe('"1"');
    });

    it('writes once when the same key arrives 10 times at once', async () => {
      await registered(api.call, 'idem-3');
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => api.call('POST', '/v1/customers/idem-3/interactions', interaction, { 'idempotency-key': 'k-3' })),
      );
      const written = answers.filter((a) => a.status === 201);
      expect(written.length).toBeGreaterThanOrEqual(1);
      for (const answer of written) expect(answer.body).toEqual(written[0].body);
      for (const answer of answers.filter((a) => a.status !== 201)) expect(answer.status).toBe(409);
      const next = await api.call('POST', '/v1/customers/idem-3/star-rating', { stars: 2 });
      expect(next.body.streamVersion).toBe(2);
    });

    it('forgets a key after 24 hours', async () => {
      await registered(api.call, 'idem-5');
      await api.call('POST', '/v1/customers/idem-5/interactions', interaction, { 'idempotency-key': 'k-5' });
      const sql = postgres(api.databaseUrl, { max: 1 });
      await sql`update crm_idempotency_keys set created_at = now() - interval '25 hours' where idempotency_key = 'k-5'`;
      await sql.end();
      const reused = await api.call('POST', '/v1/customers/idem-5/interactions', { ...interaction, summary: 'a day later' }, { 'idempotency-key': 'k-5' });
      expect(reused.status).toBe(201);
      expect(reused.body.events[0].data.summary).toBe('a day later');
    });

    it('takes over a claim left by a request whose process died, once it is two minutes old', async () => {
      await registered(api.call, 'idem-6');
      const admin = (await api.call('GET', '/v1/api-keys')).body.keys.find((k: { name: string }) => k.name === 'admin');
      // Claims of this very request, as the service makes them, one 3 minutes old and one 30 seconds.
      const hash = createHash('sha256').update(`POST /v1/customers/idem-6/interactions\n${JSON.stringify(interaction)}`).digest('hex');
      const sql = postgres(api.databaseUrl, { max: 1 });
      await sql`insert into crm_idempotency_keys (api_key_id, idempotency_key, request_hash, created_at) values
        (${admin.id}, 'k-6-dead', ${hash}, now() - interval '3 minutes'),
        (${admin.id}, 'k-6-running', ${hash}, now() - interval '30 seconds')`;
      await sql.end();
      const takenOver = await api.call('POST', '/v1/customers/idem-6/interactions', interaction, { 'idempotency-key': 'k-6-dead' });
      expect(takenOver.status).toBe(201);
      const retried = await api.call('POST', '/v1/customers/idem-6/interactions', interaction, { 'idempotency-key': 'k-6-dead' });
      expect(retried.body).toEqual(takenOver.body);
      const running = await api.call('POST', '/v1/customers/idem-6/interactions', interaction, { 'idempotency-key': 'k-6-running' });
      expect(running.status).toBe(409);
    });

    it('sweeps keys older than 24 hours away', async () => {
      await registered(api.call, 'idem-7');
      await api.call('POST', '/v1/customers/idem-7/interactions', interaction, { 'idempotency-key': 'k-7-old' });
      await api.call('POST', '/v1/customers/idem-7/interactions', { ...interaction, summary: 'fresh' }, { 'idempotency-key': 'k-7-fresh' });
      const sql = postgres(api.databaseUrl, { max: 1 });
      await sql`update crm_idempotency_keys set created_at = now() - interval '25 hours' where idempotency_key = 'k-7-old'`;
      expect(await api.app.get(IdempotencyStore).sweep()).toBeGreaterThanOrEqual(1);
      const left = await sql`select idempotency_key from crm_idempotency_keys where idempotency_key like 'k-7-%'`;
      await sql.end();
      expect(left.map((r) => r.idempotency_key)).toEqual(['k-7-fresh']);
    });

    it('keeps keys apart per API key, and lets a failed request be retried with its key', async () => {
      await registered(api.call, 'idem-4');
      const writer = await api.as('writer');
      const failed = await api.call('POST', '/v1/customers/idem-4/purchases/none/refunds', { refundId: 'r', amountMinor: 1, currency: 'CNY' }, { 'idempotency-key': 'k-4' });
      expect(failed.status).toBe(404);
      const order = { orderId: 'none', currency: 'CNY', lines: [{ sku: 'a', category: 'b', quantity: 1, unitPriceMinor: 5 }] };
      expect((await writer('POST', '/v1/customers/idem-4/purchases', order, { 'idempotency-key': 'k-4' })).status).toBe(201);
      const retried = await api.call('POST', '/v1/customers/idem-4/purchases/none/refunds', { refundId: 'r', amountMinor: 1, currency: 'CNY' }, { 'idempotency-key': 'k-4' });
      expect(retried.status).toBe(201);
    });
  });

  describe('request bodies', () => {
    it('answers 413 over 1 MiB and 400 for broken JSON, as problems', async () => {
      await registered(api.call, 'bodies');
      const big = await api.call('POST', '/v1/customers/bodies/interactions', { channel: 'call', direction: 'inbound', purpose: 'other', summary: 'x'.repeat(1024 * 1024) });
      expect(big.status).toBe(413);
      expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const broken = await api.call('POST', '/v1/customers/bodies/star-rating', '{"stars": 3');
      expect(broken.status).toBe(400);
      expect(broken.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const text = await api.call('POST', '/v1/customers/bodies/star-rating', 'stars=3', { 'content-type': 'text/plain' });
      expect(text.status).toBe(415);
      expect(text.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('answers 400 for a JSON body that is not an object', async () => {
      await registered(api.call, 'not-object');
      for (const body of ['[]', '"five stars"', 'null', '5']) {
        const response = await api.call('POST', '/v1/customers/not-object/star-rating', body);
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.body.errors).toEqual([{ path: '(body)', message: 'the body must be a JSON object' }]);
      }
    });

    it('carries X-Correlation-Id into the events and back', async () => {
      await registered(api.call, 'corr');
      const response = await api.call('POST', '/v1/customers/corr/star-rating', { stars: 5 }, { 'x-correlation-id': 'order-flow-77' });
      expect(response.headers.get('x-correlation-id')).toBe('order-flow-77');
      expect(response.body.events[0].metadata.correlationId).toBe('order-flow-77');
      const made = await api.call('POST', '/v1/customers/corr/star-rating', { stars: 4 });
      expect(made.body.events[0].metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('disqualifies through its own endpoint', async () => {
      await registered(api.call, 'disq');
      const response = await api.call('POST', '/v1/customers/disq/disqualification', { reason: 'Not in our trade' });
      expect(response.status).toBe(201);
      expect(response.body.events[0].type).toBe('CustomerDisqualified');
    });
  });

  it('publishes OpenAPI at /docs-json with every route', async () => {
    const document = (await (await fetch(`${api.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    const facts = [
      'profile', 'account-manager', 'qualification', 'disqualification', 'tier-override', 'credit-rating', 'star-rating',
      'partnership', 'churn', 'erasure', 'contacts', 'contacts/{contactId}', 'contacts/{contactId}/removal', 'contacts/{contactId}/erasure',
      'relationship-level', 'interactions', 'visits', 'surveys', 'complaints',
      ...['acknowledge', 'escalate', 'transfer', 'resolve', 'reopen', 'close'].map((step) => `complaints/{complaintId}/${step}`),
      'purchases', 'purchases/{orderId}/refunds', 'referrals', 'competitor-contacts', 'compliance-violations',
    ];
    const reads = ['/v1/customers/{id}/history', '/v1/customers/{id}/lifecycle', '/v1/analytics/funnel', '/v1/complaints/board', '/v1/customers/{id}/tier', '/v1/customers/{id}/loyalty', '/v1/analytics/tiers', '/v1/analytics/deciles', '/v1/care-agenda', '/v1/customers/{id}/360', '/v1/customers/{id}/state', '/v1/customers/{id}/events', '/v1/customers/{id}/verify', '/v1/checkpoints', '/v1/checkpoints/public-key', '/v1/audit', '/v1/projections', '/v1/projections/{name}/rebuild'];
    const integrators = [
      '/v1/events', '/v1/events/live', '/v1/consumer-groups', '/v1/consumer-groups/{name}', '/v1/consumer-groups/{name}/poll', '/v1/consumer-groups/{name}/ack',
      '/v1/webhooks', '/v1/webhooks/{id}', '/v1/webhooks/{id}/deliveries', '/v1/webhooks/{id}/dead-letters', '/v1/webhooks/{id}/dead-letters/redeliver', '/v1/webhooks/{id}/enable',
    ];
    expect(Object.keys(document.paths).sort()).toEqual(
      ['/health', '/v1/api-keys', '/v1/api-keys/{keyId}', '/v1/customers', '/v1/customers/{id}', ...reads, ...integrators, ...facts.map((fact) => `/v1/customers/{id}/${fact}`)].sort(),
    );
    // Every write documents its answers, its errors as problems, and the headers it reads.
    type Operation = { parameters: { in: string; name: string }[]; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> };
    const paths = document.paths as Record<string, Record<string, Operation>>;
    for (const path of ['/v1/customers', ...facts.map((fact) => `/v1/customers/{id}/${fact}`)]) {
      const { parameters, responses } = paths[path].post;
      expect({ path, statuses: Object.keys(responses).sort() }).toEqual({ path, statuses: ['200', '201', '400', '401', '403', '404', '409', '410', '413', '415', '422', '429', '503'] });
      expect(responses['201'].content!['application/json'].schema.$ref).toBe('#/components/schemas/CommandOutcomeDoc');
      expect(responses['422'].content!['application/problem+json'].schema.$ref).toBe('#/components/schemas/ProblemDoc');
      expect(parameters.filter((p) => p.in === 'header').map((p) => p.name).sort()).toEqual(['Idempotency-Key', 'If-Match', 'X-Causation-Id', 'X-Correlation-Id']);
    }
    expect(Object.keys(paths['/v1/customers/{id}'].get.responses).sort()).toEqual(['200', '304', '400', '401', '403', '404', '410', '429', '503']);
  });
});
