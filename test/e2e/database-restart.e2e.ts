import { createApp, EVENT_STORE } from '@crm/api';
import type { EventStore } from '@crm/event-store';
import { startLocalCluster, type LocalCluster } from '@crm/ephemeral-postgres';
import { testMasterKey, testSigningKey } from '@crm/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const adminKey = 'restart-admin-key-0123456789';

/**
 * PostgreSQL restarted under load: while it is down, /health and writes answer
 * 503 with Retry-After (not 500, not a hang), and the service recovers by
 * itself once it is back, every acknowledged write stored once.
 */
describe('the service while its PostgreSQL restarts', () => {
  let server: LocalCluster;
  let app: NestFastifyApplication;
  let url: string;
  beforeAll(async () => {
    // A server of its own: the run's shared one must not go down.
    server = await startLocalCluster();
    app = await createApp({ port: 0, databaseUrl: server.url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey, adminKey }, ['error']);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, headers: response.headers, body: (await response.json().catch(() => undefined)) as any };
  };
  const interaction = (n: number) => ({ channel: 'call', direction: 'inbound', purpose: 'other', summary: `call ${n}` });

  it('answers 503 with Retry-After while it is down, then writes again by itself', async () => {
    expect((await call('POST', '/v1/customers', { customerId: 'r-1', kind: 'organization', name: 'Restart' })).status).toBe(201);
    const acknowledged: number[] = [];
    let n = 0;
    // Writers keep going through the restart; every answer is a 201 or a 503, never a 500 or a hang.
    let writing = true;
    const statuses = new Set<number>();
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        const mine = n++;
        const response = await call('POST', '/v1/customers/r-1/interactions', interaction(mine));
        statuses.add(response.status);
        if (response.status === 201) acknowledged.push(mine);
        else expect({ status: response.status, retryAfter: response.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '5' });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.pause();
    const health = await call('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ code: 'database-unavailable' });
    const down = await call('POST', '/v1/customers/r-1/star-rating', { stars: 3 });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    // A burst while it is down is answered at once, not queued behind the driver's reconnection.
    const burst = await Promise.all(Array.from({ length: 40 }, () => call('POST', '/v1/customers/r-1/star-rating', { stars: 2 })));
    expect(new Set(burst.map((response) => response.status))).toEqual(new Set([503]));
    await server.resume();
    let healthy = false;
    for (let i = 0; i < 100 && !healthy; i++) {
      healthy = (await call('GET', '/health')).status === 200;
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(healthy).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    writing = false;
    await Promise.all(writers);
    expect([...statuses].sort()).toEqual([201, 503]);
    expect((await call('POST', '/v1/customers/r-1/star-rating', { stars: 4 })).status).toBe(201);
    // Every acknowledged interaction is stored, and each only once (a 503 may hide a commit: never a double one).
    const summaries: string[] = [];
    for await (const event of app.get<EventStore>(EVENT_STORE).readStream('customer-r-1')) {
      if (event.type === 'InteractionRecorded') summaries.push(String(event.data.summary));
    }
    expect(new Set(summaries).size).toBe(summaries.length);
    for (const mine of acknowledged) expect(summaries).toContain(`call ${mine}`);
  }, 180_000);
});
