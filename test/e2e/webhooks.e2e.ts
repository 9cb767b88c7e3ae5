import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { registered, storages, type Call, type TestApi } from '../support/api';

interface Received {
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** A receiver on loopback: answers what `answer` says, records every request. */
async function receiver(answer: (body: any) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = answer(JSON.parse(body));
      received.push({ headers: flat(request.headers), body, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`,
    received,
    accepted: () => received.filter((r) => r.status === 200).map((r) => ({ ...r, event: JSON.parse(r.body) })),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const flat = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));

const until = async (what: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
};

const unknownId = '00000000-0000-4000-8000-000000000000';

describe.each(storages)('webhooks over HTTP (Standard Webhooks, %s)', (_storage, startApi) => {
  let api: TestApi;
  let integrator: Call;
  const receivers: { close(): Promise<void> }[] = [];
  const opened = async (answer?: (body: any) => number) => {
    const r = await receiver(answer);
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    api = await startApi();
    integrator = await api.as('integrator');
  });
  afterAll(async () => {
    await api.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('registers a webhook ({ id, secret }) whose deliveries arrive signed, the envelope as the body; status, list, log and delete answer', async () => {
    const hook = await opened();
    const created = await integrator('POST', '/v1/webhooks', { url: hook.url, filter: { stream: 'wh-1' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), secret: expect.stringMatching(/^whsec_/) });
    const { id, secret } = created.body;

    await registered(api.call, 'wh-1');
    await registered(api.call, 'wh-2');
    await api.call('POST', '/v1/customers/wh-1/interactions', { kind: 'visit', summary: 'tea' });
    const stream = (await api.call('GET', '/v1/customers/wh-1/events')).body.events;
    await until(() => hook.accepted().length === stream.length);

    const verifier = new Webhook(secret);
    for (const [i, r] of hook.accepted().entries()) {
      const { hash: _hash, previousHash: _previous, stored: _stored, ...envelope } = stream[i]; // the link, and the sealed form an auditor checks it with
      expect(verifier.verify(r.body, r.headers)).toEqual(envelope);
      expect(r.headers['webhook-id']).toBe(envelope.eventId);
      expect(() => verifier.verify(r.body.replace('wh-1', 'wh-9'), r.headers)).toThrow();
    }
    expect(hook.accepted().map((r) => r.event.streamId)).toEqual(stream.map(() => 'customer-wh-1'));

    const status = await integrator('GET', `/v1/webhooks/${id}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id, url: hook.url, filter: { types: null, stream: 'customer-wh-1' }, status: 'enabled', disabledReason: null, deadLetters: 0 });
    expect(status.text).not.toContain('whsec_');
    const list = await integrator('GET', '/v1/webhooks');
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toContain(id);
    expect(list.text).not.toContain('whsec_');

    await until(async () => (await integrator('GET', `/v1/webhooks/${id}/deliveries`)).body.deliveries.length === stream.length);
    const log = await integrator('GET', `/v1/webhooks/${id}/deliveries?limit=1`);
    expect(log.body).toEqual({ deliveries: [expect.objectContaining({ outcome: 'delivered', status: 200, attempt: 1 })], next: expect.any(Number) });
    const rest = await integrator('GET', `/v1/webhooks/${id}/deliveries?before=${log.body.next}`);
    expect(rest.body.deliveries).toHaveLength(stream.length - 1);
    expect(await integrator('GET', `/v1/webhooks/${id}/dead-letters`)).toMatchObject({ status: 200, body: { deadLetters: [], next: null } });
    expect(await integrator('POST', `/v1/webhooks/${id}/dead-letters/redeliver`, {})).toMatchObject({ status: 200, body: { redelivered: [] } });

    expect((await integrator('DELETE', `/v1/webhooks/${id}`)).status).toBe(204);
    expect(await integrator('GET', `/v1/webhooks/${id}`)).toMatchObject({ status: 404, body: { code: 'not-found', entity: 'webhook', id } });
  });

  it('sends what the store holds when it delivers: personal data erased before then goes out as null, named in metadata.erased', async () => {
    let erased = false;
    const hook = await opened(() => (erased ? 200 : 503));
    const { body } = await integrator('POST', '/v1/webhooks', { url: hook.url, filter: { stream: 'customer-wh-erased', types: ['CustomerRegistered'] } });
    await api.call('POST', '/v1/customers', { customerId: 'wh-erased', kind: 'person', name: '王芳', region: 'Zhejiang' });
    await until(() => hook.received.length > 0);
    expect((await api.call('POST', '/v1/customers/wh-erased/erasure', { basis: 'data-subject-request' })).status).toBe(201);
    erased = true;
    // The retry follows the Standard Webhooks schedule: 5 s (±20%) after the first attempt.
    await until(() => hook.accepted().length === 1, 15_000);
    const [delivered] = hook.accepted();
    expect(new Webhook(body.secret).verify(delivered.body, delivered.headers)).toMatchObject({ type: 'CustomerRegistered', data: { name: null, region: 'Zhejiang' }, metadata: { erased: ['name'] } });
    expect(delivered.body).not.toContain('王芳');
    await until(async () => (await integrator('GET', `/v1/webhooks/${body.id}/deliveries`)).body.deliveries.length === 2); // logged at the dispatcher's next look
    const log = (await integrator('GET', `/v1/webhooks/${body.id}/deliveries`)).body.deliveries;
    expect(log.map((d: { outcome: string; status: number }) => [d.outcome, d.status])).toEqual([
      ['delivered', 200],
      ['failed', 503],
    ]);
  });

  it('is disabled by a 410 with its deliveries held, and enabled again sends them, the refused one first', async () => {
    let gone = true;
    const hook = await opened(() => (gone ? 410 : 200));
    const { body } = await integrator('POST', '/v1/webhooks', { url: hook.url, filter: { stream: 'wh-gone' } });
    await registered(api.call, 'wh-gone');
    await until(async () => (await integrator('GET', `/v1/webhooks/${body.id}`)).body.status === 'disabled');
    await api.call('POST', '/v1/customers/wh-gone/interactions', { kind: 'visit', summary: 'tea' });
    const stream = (await api.call('GET', '/v1/customers/wh-gone/events')).body.events.map((e: { eventId: string }) => e.eventId);
    expect((await integrator('GET', `/v1/webhooks/${body.id}`)).body).toMatchObject({ disabledReason: expect.stringMatching(/410 Gone/) });
    gone = false;
    const enabled = await integrator('POST', `/v1/webhooks/${body.id}/enable`);
    expect(enabled).toMatchObject({ status: 200, body: { id: body.id, status: 'enabled', disabledReason: null, disabledAt: null } });
    await until(() => hook.accepted().length === stream.length);
    expect(hook.accepted().map((r) => r.event.eventId)).toEqual(stream);
    expect(hook.received[0]).toMatchObject({ status: 410 });
  });

  it('lets integrators and admins manage webhooks, nobody else', async () => {
    const { body } = await integrator('POST', '/v1/webhooks', { url: 'https://example.com/hooks', from: 1_000_000_000 });
    const routes: [string, string, unknown?][] = [
      ['POST', '/v1/webhooks', { url: 'https://example.com/hooks' }],
      ['GET', '/v1/webhooks'],
      ['GET', `/v1/webhooks/${body.id}`],
      ['GET', `/v1/webhooks/${body.id}/deliveries`],
      ['GET', `/v1/webhooks/${body.id}/dead-letters`],
      ['POST', `/v1/webhooks/${body.id}/dead-letters/redeliver`, {}],
      ['POST', `/v1/webhooks/${body.id}/enable`],
      ['DELETE', `/v1/webhooks/${body.id}`],
    ];
    for (const role of ['writer', 'analyst', 'auditor'] as const) {
      const call = await api.as(role);
      for (const [method, path, payload] of routes) {
        const answer = await call(method, path, payload);
        expect({ role, method, path, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
          role,
          method,
          path,
          status: 403,
          type: 'application/problem+json; charset=utf-8',
        });
      }
    }
    for (const call of [api.call, integrator]) expect((await call('GET', `/v1/webhooks/${body.id}`)).status).toBe(200);
    expect((await api.call('DELETE', `/v1/webhooks/${body.id}`)).status).toBe(204);
  });

  it('refuses bad input with 400 naming the field, and unknown webhooks with 404, as problems', async () => {
    const refusals: [unknown, string][] = [
      [{ url: 'ftp://example.com/hooks' }, 'url'],
      [{ url: 'example.com/hooks' }, 'url'],
      [{ url: 'https://user:pass@example.com/hooks' }, 'url'],
      [{ url: 'https://example.com/hooks', filter: { customer: 'c-1' } }, 'filter.customer'],
      [{ url: 'https://example.com/hooks', filter: { types: ['NoSuchEvent'] } }, 'filter.types'],
      [{ url: 'https://example.com/hooks', filter: { stream: 'not a customer' } }, 'filter.stream'],
      [{ url: 'https://example.com/hooks', from: -1 }, 'from'],
      [{ url: 'https://example.com/hooks', from: 1.5 }, 'from'],
      [{ url: 'https://example.com/hooks', secret: 'mine' }, 'secret'],
      [{ filter: {} }, 'url'],
    ];
    for (const [body, path] of refusals) {
      const answer = await integrator('POST', '/v1/webhooks', body);
      expect({ body, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ body, status: 400, type: 'application/problem+json; charset=utf-8' });
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const malformed = await integrator('GET', '/v1/webhooks/not-a-uuid');
    expect(malformed).toMatchObject({ status: 400, body: { errors: [{ path: 'id' }] } });
    expect((await integrator('GET', `/v1/webhooks/${unknownId}/deliveries?limit=0`)).body.errors[0].path).toBe('limit');
    expect((await integrator('POST', `/v1/webhooks/${unknownId}/dead-letters/redeliver`, { eventIds: ['x'] })).status).toBe(400);
    for (const [method, path, payload] of [
      ['GET', `/v1/webhooks/${unknownId}`],
      ['GET', `/v1/webhooks/${unknownId}/deliveries`],
      ['GET', `/v1/webhooks/${unknownId}/dead-letters`],
      ['POST', `/v1/webhooks/${unknownId}/dead-letters/redeliver`, {}],
      ['POST', `/v1/webhooks/${unknownId}/enable`],
      ['DELETE', `/v1/webhooks/${unknownId}`],
    ] as [string, string, unknown?][]) {
      expect({ method, path, ...(await integrator(method, path, payload)).body }).toMatchObject({ method, path, status: 404, code: 'not-found', entity: 'webhook' });
    }
  });
});
