import { connect } from 'node:net';
import { registered, startApi, type ApiResponse, type TestApi } from '../support/api';

/**
 * Inputs that real integrations send and that once answered 500 (or were
 * silently misread): each is refused with a problem naming the field, and
 * nothing is written.
 */
describe('hostile input over HTTP (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ authFailuresPerMinute: 5 });
    await registered(api.call, 'hostile');
  });
  afterAll(() => api.close());

  const etag = async () => (await api.call('GET', '/v1/customers/hostile')).headers.get('etag');
  const expectRefused = (response: ApiResponse, status: number, path?: string) => {
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
    // The field itself or a part of it (`lines[0]` for a bad item, `lines[0][0]` inside it).
    const paths = (response.body.errors ?? []).map((e: { path: string }) => e.path) as string[];
    if (path !== undefined) expect({ paths, named: paths.some((p) => p === path || p.startsWith(`${path}[`) || p.startsWith(`${path}.`)) }).toMatchObject({ named: true });
  };

  it.each([
    ['basic format', '20240101T000000Z'],
    ['a week date', '2024-W01-1'],
    ['an ordinal date', '2024-050'],
    ['no zone', '2024-01-01T10:00:00'],
    ['a year alone', '2024'],
    ['a year and day', '2024-001'],
    ['no seconds', '2024-01-01T10:00Z'],
    ['30 February', '2024-02-30T10:00:00Z'],
    ['hour 24', '2024-01-01T24:00:00Z'],
    ['a zone of 24 hours', '2024-01-01T10:00:00+24:00'],
  ])('refuses occurredAt in %s (%s) with 400', async (_, occurredAt) => {
    const before = await etag();
    expectRefused(await api.call('POST', '/v1/customers/hostile/star-rating', { stars: 4, occurredAt }), 400, 'occurredAt');
    expect(await etag()).toBe(before);
  });

  it('takes RFC 3339 instants with Z or an offset, and a fraction', async () => {
    for (const occurredAt of ['2024-01-01T10:00:00Z', '2024-01-01T18:00:00+08:00', '2024-01-01T10:00:00.123456789-03:30']) {
      const response = await api.call('POST', '/v1/customers/hostile/interactions', { channel: 'call', direction: 'inbound', purpose: 'other', summary: 'ok', occurredAt });
      expect(response.status).toBe(201);
      expect(Date.parse(response.body.events[0].metadata.occurredAt)).toBe(Date.parse(occurredAt));
    }
  });

  it('refuses an Idempotency-Key over 255 characters with 400', async () => {
    expectRefused(await api.call('POST', '/v1/customers/hostile/star-rating', { stars: 3 }, { 'idempotency-key': 'k'.repeat(256) }), 400, 'Idempotency-Key');
    expect((await api.call('POST', '/v1/customers/hostile/star-rating', { stars: 3 }, { 'idempotency-key': 'k'.repeat(255) })).status).toBe(201);
  });

  it.each([
    ['null where an optional id is expected', '/interactions', { channel: 'call', direction: 'inbound', purpose: 'other', summary: 's', contactId: null }, 'contactId'],
    ['arrays of arrays in lines', '/purchases', { orderId: 'SO-x', currency: 'CNY', lines: [[{ sku: 'a', category: 'c', quantity: 1, unitPriceMinor: 1 }]] }, 'lines'],
    ['arrays of arrays in family', '/profile', { family: [[{ relation: 'son', name: 'x' }]] }, 'family'],
    ['arrays of arrays in anniversaries', '/profile', { anniversaries: [[]] }, 'anniversaries'],
    ['an e-mail with a lone surrogate', '/contacts', { contactId: 'ct-s', name: 'x', level: 'staff', role: 'user', email: 'a\ud800@example.com' }, 'email'],
    ['NUL in a free text', '/interactions', { channel: 'call', direction: 'inbound', purpose: 'other', summary: 'a\u0000b' }, 'summary'],
  ])('refuses %s with 400', async (_, path, body, field) => {
    const before = await etag();
    expectRefused(await api.call('POST', `/v1/customers/hostile${path}`, body), 400, field);
    expect(await etag()).toBe(before);
  });

  it('refuses null for a contact name on update, and takes null where it clears (reportsTo)', async () => {
    await api.call('POST', '/v1/customers/hostile/contacts', { contactId: 'ct-1', name: 'Li', level: 'staff', role: 'user' });
    expectRefused(await api.call('POST', '/v1/customers/hostile/contacts/ct-1', { name: null }), 400, 'name');
    expect((await api.call('POST', '/v1/customers/hostile/contacts/ct-1', { reportsTo: null, title: 'Buyer' })).status).toBe(201);
  });

  it('refuses 10,000 levels of nesting inside a typed field with 400', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expectRefused(await api.call('POST', '/v1/customers/hostile/purchases', `{"orderId":"SO-d","currency":"CNY","lines":${deep}}`), 400, 'lines');
  });

  it('refuses an API-key name with NUL with 400', async () => {
    expectRefused(await api.call('POST', '/v1/api-keys', { name: 'till\u0000', role: 'writer' }), 400, 'name');
  });

  it('refuses a form-encoded or other non-JSON body with 415, and writes nothing', async () => {
    const count = (await api.call('GET', '/health')).body.headPosition;
    const form = await api.call('POST', '/v1/customers', 'customerId=form-1&kind=person&name=Form', { 'content-type': 'application/x-www-form-urlencoded' });
    expectRefused(form, 415);
    expect(form.body.code).toBe('unsupported-media-type');
    expectRefused(await api.call('POST', '/v1/customers', '<customer/>', { 'content-type': 'application/xml' }), 415);
    expect((await api.call('GET', '/v1/customers/form-1')).status).toBe(404);
    expect((await api.call('GET', '/health')).body.headPosition).toBe(count);
  });

  it('refuses a key given twice in one JSON object with 400', async () => {
    expectRefused(await api.call('POST', '/v1/customers/hostile/star-rating', '{"stars":4,"stars":5}'), 400, 'stars');
  });

  it('refuses a query parameter the route does not know with 400', async () => {
    expectRefused(await api.call('GET', '/v1/customers/hostile?asOf=2024-01-01T00:00:00Z'), 400, 'asOf');
    expectRefused(await api.call('POST', '/v1/customers/hostile/star-rating?dryRun=true', { stars: 2 }), 400, 'dryRun');
  });

  describe('errors Fastify and Node answer before a route', () => {
    it('a URL whose escapes do not decode: 400 problem', async () => {
      expectRefused(await api.call('GET', '/v1/customers/%E0%A4%A'), 400);
    });

    it('a path segment over 200 characters: 414 problem', async () => {
      const response = await api.call('GET', `/v1/customers/${'x'.repeat(300)}`);
      expectRefused(response, 414);
      expect(response.body.code).toBe('uri-too-long');
    });

    it('headers over 16 KiB: 431 problem', async () => {
      const raw = await rawRequest(api.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      expect(raw).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'headers-too-large' });
    });

    it('what is not HTTP: 400 problem', async () => {
      const raw = await rawRequest(api.url, 'HELLO THERE\r\n\r\n');
      expect(raw).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'bad-http' });
    });
  });

  it('sets the security headers on every answer, and no-store on the API', async () => {
    for (const response of [await api.call('GET', '/v1/customers/hostile'), await api.call('GET', '/v1/customers/nobody'), await api.call('GET', '/health')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const docs = await fetch(`${api.url}/docs`);
    expect(docs.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    // Swagger UI's page runs no inline script, so the policy lets it work.
    expect(await docs.text()).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  it('makes an address that keeps failing to authenticate wait: 429 with Retry-After', async () => {
    const stranger = api.withAuthorization('Bearer not-a-key');
    for (let i = 0; i < 5; i++) expect((await stranger('GET', '/v1/customers/hostile')).status).toBe(401);
    const limited = await stranger('GET', '/v1/customers/hostile');
    expectRefused(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right key waits out the minute from that address: guessing gains nothing by ending with it.
    expect((await api.call('GET', '/v1/customers/hostile')).status).toBe(429);
  });
});

function rawRequest(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}
