import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPGliteEventStore, createPostgresEventStore, type RecordedEvent, type SqlClient, type SqlEventStore } from '@crm/event-store';
import { createTestDatabase } from '@crm/testing';
import { Webhook } from 'standardwebhooks';
import { Subscriptions, type SubscriptionsOptions } from '../subscriptions';

interface Received {
  headers: Record<string, string>;
  body: string;
  event: RecordedEvent;
  /** What the receiver answered. */
  status: number;
}

/** A webhook receiver on loopback: answers what `answer` says, records every request. */
class Receiver {
  readonly received: Received[] = [];
  answer: (event: RecordedEvent) => number = () => 200;
  private server!: Server;
  private port = 0;

  async open(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const event = JSON.parse(body) as RecordedEvent;
        const status = this.answer(event);
        this.received.push({ headers: flat(request.headers), body, event, status });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** The receiver goes away: connections are refused until `open()` again (on the same port). */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get accepted(): Received[] {
    return this.received.filter((r) => r.status >= 200 && r.status < 300);
  }
}

const flat = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));

const until = async (what: () => boolean | Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
};

const noted = (n: number, type = 'Noted') => Array.from({ length: n }, (_, i) => ({ type, data: { i } }));

/** For each stream, the versions in the order they were attempted (every request) and accepted. */
function perStream(received: readonly Received[]) {
  const streams = new Map<string, { attempted: number[]; accepted: number[] }>();
  for (const r of received) {
    const s = streams.get(r.event.streamId) ?? { attempted: [], accepted: [] };
    streams.set(r.event.streamId, s);
    s.attempted.push(r.event.streamVersion);
    if (r.status === 200) s.accepted.push(r.event.streamVersion);
  }
  return streams;
}

interface Opened {
  store: SqlEventStore;
  /** Another store on the same database, as another process has (PostgreSQL only). */
  another?: () => Promise<SqlEventStore>;
  dispose(): Promise<void>;
}

const fast: Omit<SubscriptionsOptions, 'holder'> = { leaseMs: 600, webhookPollMs: 5, webhookTimeoutMs: 2_000, webhookRetryDelaysMs: [10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000] };

function dispatcherSuite(name: string, open: () => Promise<Opened>, full: boolean) {
  describe(`webhook deliveries (${name})`, () => {
    let opened: Opened;
    let store: SqlEventStore;
    const started: Subscriptions[] = [];
    const receivers: Receiver[] = [];
    const subscriptions = async (holder: string, options: Partial<SubscriptionsOptions> = {}, on: SqlEventStore = store) => {
      const s = await Subscriptions.open(on.client, on, { holder, ...fast, ...options });
      started.push(s);
      return s;
    };
    const receiver = async () => {
      const r = await new Receiver().open();
      receivers.push(r);
      return r;
    };

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await Promise.all(started.splice(0).map((s) => s.stop()));
      await Promise.all(receivers.splice(0).map((r) => r.close().catch(() => undefined)));
      await opened.dispose();
    });

    it('delivers each event signed as Standard Webhooks say, the envelope as the body; a tampered body is refused', async () => {
      const subs = await subscriptions('one');
      const hook = await receiver();
      await store.append('customer-a', noted(1, 'Before'), 'no_stream');
      const { id, secret } = await subs.webhooks.register({ url: hook.url, filter: {} });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      await subs.start();
      const written = [...(await store.append('customer-a', noted(2), 0)).events, ...(await store.append('customer-b', noted(1), 'no_stream')).events];
      await until(() => hook.accepted.length === 3);

      // New events only by default: the one before registration is not delivered.
      expect(hook.received.map((r) => r.event.eventId).sort()).toEqual(written.map((e) => e.eventId).sort());
      const verifier = new Webhook(secret);
      for (const r of hook.received) {
        const original = written.find((e) => e.eventId === r.event.eventId)!;
        expect(verifier.verify(r.body, r.headers)).toEqual(JSON.parse(JSON.stringify(original)));
        expect(r.headers['webhook-id']).toBe(original.eventId);
        expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
        expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
        expect(() => verifier.verify(r.body.replace('"Noted"', '"Forged"'), r.headers)).toThrow();
        expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(r.body, r.headers)).toThrow();
      }
      await until(async () => (await subs.webhooks.status(id)).pending === 0);
      expect(await subs.webhooks.status(id)).toMatchObject({ status: 'enabled', pending: 0, deadLetters: 0, checkpoint: await store.headPosition() });
      const log = await subs.webhooks.deliveries(id, 10);
      expect(log.map((d) => [d.outcome, d.attempt, d.status])).toEqual([
        ['delivered', 1, 200],
        ['delivered', 1, 200],
        ['delivered', 1, 200],
      ]);
      expect(log.map((d) => d.eventId).sort()).toEqual(written.map((e) => e.eventId).sort());
      expect(log[0].response).toBe('ok');
    });

    it('a receiver down for a while (503, then refusing connections), then back and flaky: everything, in per-stream order', async () => {
      const subs = await subscriptions('one');
      const hook = await receiver();
      const { id, secret } = await subs.webhooks.register({ url: hook.url, filter: { types: ['Noted'] } });
      await subs.start();
      const streams = ['customer-1', 'customer-2', 'customer-3', 'customer-4'];
      const perStreamCount = full ? 15 : 6;
      let down = true;
      hook.answer = () => (down ? 503 : Math.random() < 0.1 ? 500 : 200);
      const writing = (async () => {
        for (let i = 0; i < perStreamCount; i++) {
          for (const s of streams) await store.append(s, [...noted(1), { type: 'Ignored', data: {} }], i === 0 ? 'no_stream' : 'any');
          await sleep(15);
        }
      })();
      await until(() => hook.received.length >= 5);
      await sleep(200);
      await hook.close();
      await sleep(250);
      await hook.open();
      down = false;
      await writing;
      await until(() => hook.accepted.length >= streams.length * perStreamCount);
      await until(async () => (await subs.webhooks.status(id)).pending === 0);

      const verifier = new Webhook(secret);
      for (const r of hook.received) verifier.verify(r.body, r.headers);
      const byStream = perStream(hook.received);
      expect([...byStream.keys()].sort()).toEqual(streams);
      for (const [, { attempted, accepted }] of byStream) {
        // Every event once (the Ignored ones filtered out), in stream order; a later one never tried before the one before was taken.
        expect(accepted).toEqual(Array.from({ length: perStreamCount }, (_, i) => 2 * i));
        expect(attempted).toEqual([...attempted].sort((a, b) => a - b));
      }
      expect(hook.received.some((r) => r.status === 503)).toBe(true);
      expect(await subs.webhooks.deadLetters(id, 100)).toEqual([]);
      const log = await subs.webhooks.deliveries(id, 1000);
      expect(log.filter((d) => d.outcome === 'delivered')).toHaveLength(streams.length * perStreamCount);
      expect(log.some((d) => d.outcome === 'failed' && d.status === null && d.error !== null)).toBe(true);
      expect(log.some((d) => d.outcome === 'failed' && d.status === 503 && d.nextAttemptAt !== null)).toBe(true);
    });

    it('a record of deliveries that fails is made again at the next look: each event sent once, in stream order', async () => {
      const client = store.client;
      let failures = 3;
      const recording = 'delete from crm_webhook_pending p using took';
      const flaky: SqlClient = {
        query: (text, params) =>
          text.includes(recording) && failures-- > 0 ? Promise.reject(Object.assign(new Error('connection lost'), { code: 'CONNECTION_CLOSED' })) : client.query(text, params),
        exec: (script) => client.exec(script),
        transaction: (work) => client.transaction(work),
        listen: (channel, onNotify) => client.listen(channel, onNotify),
        close: () => client.close(),
      };
      const subs = await Subscriptions.open(flaky, store, { holder: 'one', ...fast });
      started.push(subs);
      const hook = await receiver();
      const { id } = await subs.webhooks.register({ url: hook.url, filter: {} });
      await subs.start();
      const streams = ['customer-1', 'customer-2', 'customer-3'];
      for (let i = 0; i < 5; i++) {
        for (const s of streams) await store.append(s, noted(1), i === 0 ? 'no_stream' : 'any');
        await sleep(10);
      }
      await until(async () => (await subs.webhooks.status(id)).pending === 0);
      expect(failures).toBeLessThan(0);
      // Nothing went out twice: what was taken stayed taken while its record failed.
      expect(hook.received).toHaveLength(15);
      for (const [, { accepted }] of perStream(hook.received)) expect(accepted).toEqual([0, 1, 2, 3, 4]);
      expect((await subs.webhooks.deliveries(id, 100)).filter((d) => d.outcome === 'delivered')).toHaveLength(15);
    });

    it('a webhook enabled again after a 410 delivers what was pending from where it stood, each stream in order', async () => {
      const subs = await subscriptions('one');
      const hook = await receiver();
      let gone = true;
      hook.answer = () => (gone ? 410 : 200);
      const { id } = await subs.webhooks.register({ url: hook.url, filter: {} });
      await subs.start();
      const a = (await store.append('customer-a', noted(3), 'no_stream')).events;
      await until(async () => (await subs.webhooks.status(id)).status === 'disabled');
      const b = (await store.append('customer-b', noted(2), 'no_stream')).events;
      gone = false;
      expect(await subs.webhooks.enable(id)).toMatchObject({ id, status: 'enabled', disabledReason: null, disabledAt: null });
      await until(() => hook.accepted.length === 5);
      const took = hook.accepted.map((r) => r.event.eventId);
      expect(took.filter((e) => a.some((x) => x.eventId === e))).toEqual(a.map((e) => e.eventId)); // the refused one first
      expect(took.filter((e) => b.some((x) => x.eventId === e))).toEqual(b.map((e) => e.eventId));
      await until(async () => (await subs.webhooks.status(id)).pending === 0);
      expect(await subs.webhooks.enable(id)).toMatchObject({ status: 'enabled', pending: 0 }); // enabled already: as it is
      await expect(subs.webhooks.enable('5f0c8a40-0000-4000-8000-000000000000')).rejects.toThrow(/webhook/);
    });

    if (!full) return;

    it('retries running out make a dead letter, the stream going on; redelivery delivers it', async () => {
      const subs = await subscriptions('one', { webhookRetryDelaysMs: [10, 10] });
      const hook = await receiver();
      const { id } = await subs.webhooks.register({ url: hook.url, filter: {}, from: 1 });
      const [first, second] = (await store.append('customer-a', noted(2), 'no_stream')).events;
      const [other] = (await store.append('customer-b', noted(1), 'no_stream')).events;
      let refusing = true;
      hook.answer = (event) => (refusing && event.eventId !== second.eventId ? 500 : 200);
      await subs.start();
      await until(() => hook.accepted.length === 1);
      await until(async () => (await subs.webhooks.status(id)).deadLetters === 2);

      expect(hook.accepted.map((r) => r.event.eventId)).toEqual([second.eventId]);
      expect(hook.received.filter((r) => r.event.eventId === first.eventId)).toHaveLength(3);
      const dead = (await subs.webhooks.deadLetters(id, 10)).find((d) => d.eventId === first.eventId);
      expect(dead).toMatchObject({ eventId: first.eventId, position: first.position, streamId: 'customer-a', attempts: 3, lastError: 'The receiver answered HTTP 500.' });
      expect((await subs.webhooks.deliveries(id, 10)).filter((d) => d.eventId === first.eventId).map((d) => [d.outcome, d.attempt])).toEqual([
        ['dead-lettered', 3],
        ['failed', 2],
        ['failed', 1],
      ]);
      await until(async () => (await subs.webhooks.status(id)).pending === 0); // what the receiver took is recorded at the next look
      expect(await subs.webhooks.status(id)).toMatchObject({ pending: 0, deadLetters: 2 });

      refusing = false;
      expect(await subs.webhooks.redeliver(id)).toEqual([first.eventId, other.eventId]); // in the order of $all
      await until(() => hook.accepted.length === 3);
      expect(hook.accepted.slice(1).map((r) => r.event.eventId).sort()).toEqual([first.eventId, other.eventId].sort());
      await until(async () => (await subs.webhooks.status(id)).pending === 0);
      expect(await subs.webhooks.deadLetters(id, 10)).toEqual([]);
      const latest = (await subs.webhooks.deliveries(id, 2)).map((d) => [d.eventId, d.outcome, d.attempt]);
      expect(latest.sort()).toEqual([[first.eventId, 'delivered', 1], [other.eventId, 'delivered', 1]].sort());
    });

    it('a 410 from the receiver disables the webhook; its pending deliveries stay', async () => {
      const subs = await subscriptions('one');
      const hook = await receiver();
      hook.answer = () => 410;
      const { id } = await subs.webhooks.register({ url: hook.url, filter: {} });
      await subs.start();
      await store.append('customer-a', noted(3), 'no_stream');
      await until(async () => (await subs.webhooks.status(id)).status === 'disabled');
      await store.append('customer-b', noted(2), 'no_stream');
      await sleep(200);

      expect(hook.received).toHaveLength(1);
      const status = await subs.webhooks.status(id);
      expect(status.disabledReason).toMatch(/410 Gone/);
      expect(status.pending).toBe(3);
      expect((await subs.webhooks.deliveries(id, 10)).map((d) => [d.outcome, d.status])).toEqual([['gone', 410]]);
    });

    it('delivers only what the filter names: one stream, some types', async () => {
      const subs = await subscriptions('one');
      const hook = await receiver();
      await subs.webhooks.register({ url: hook.url, filter: { streamId: 'customer-b', types: ['Wanted'] } });
      await subs.start();
      await store.append('customer-a', noted(2, 'Wanted'), 'no_stream');
      const wanted = (await store.append('customer-b', [{ type: 'Other', data: {} }, ...noted(2, 'Wanted')], 'no_stream')).events.slice(1);
      await until(() => hook.accepted.length === 2);
      await sleep(100);
      expect(hook.received.map((r) => r.event.eventId)).toEqual(wanted.map((e) => e.eventId));
    });

    it('two dispatchers on one database deliver each event once per webhook; the other takes over when one stops', async () => {
      const second = await opened.another!();
      const first = await subscriptions('first');
      const other = await subscriptions('second', {}, second);
      const hooks = [await receiver(), await receiver()];
      for (const hook of hooks) await first.webhooks.register({ url: hook.url, filter: {} });
      await first.start();
      await sleep(50);
      await other.start();
      for (let i = 0; i < 20; i++) await (i % 2 === 0 ? store : second).append(`customer-${i % 5}`, noted(2), 'any');
      await until(() => hooks.every((h) => h.accepted.length === 40));
      await first.stop();
      for (let i = 0; i < 5; i++) await second.append(`customer-${i}`, noted(1), 'any');
      await until(() => hooks.every((h) => h.accepted.length === 45));
      await sleep(200);

      for (const hook of hooks) {
        const ids = hook.received.map((r) => r.headers['webhook-id']);
        expect(new Set(ids).size).toBe(45);
        expect(ids).toHaveLength(45);
      }
    });

    it('goes on past a receiver that answers endlessly (reading 1 KiB of it) or not at all (timing out)', async () => {
      const subs = await subscriptions('one', { webhookTimeoutMs: 300, webhookRetryDelaysMs: [10, 10, 10] });
      const slow = createServer((request, response) => {
        request.resume();
        // Headers at once, then a body that never ends: the dispatcher must read 1 KiB at most and go on.
        response.writeHead(200);
        response.write('x'.repeat(64 * 1024));
      });
      await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
      const silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const big = await subs.webhooks.register({ url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, filter: {} });
        const mute = await subs.webhooks.register({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, filter: {} });
        await subs.start();
        await store.append('customer-a', noted(1), 'no_stream');
        await until(async () => (await subs.webhooks.deliveries(big.id, 1)).length === 1);
        const [delivered] = await subs.webhooks.deliveries(big.id, 1);
        expect(delivered).toMatchObject({ outcome: 'delivered', status: 200 });
        expect(delivered.response!.length).toBeLessThanOrEqual(1024);
        await until(async () => (await subs.webhooks.status(mute.id)).deadLetters === 1, 10_000);
        expect((await subs.webhooks.deadLetters(mute.id, 1))[0].lastError).toBe('No answer within 300 ms.');
      } finally {
        slow.closeAllConnections();
        silent.closeAllConnections();
        await Promise.all([new Promise((r) => slow.close(r)), new Promise((r) => silent.close(r))]);
      }
    });

    it('answers for unknown webhooks with SubscriptionNotFound, malformed ids included', async () => {
      const subs = await subscriptions('one');
      for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
        await expect(subs.webhooks.status(id)).rejects.toMatchObject({ name: 'SubscriptionNotFound', entity: 'webhook', id });
        await expect(subs.webhooks.remove(id)).rejects.toMatchObject({ name: 'SubscriptionNotFound' });
      }
      const { id } = await subs.webhooks.register({ url: 'http://127.0.0.1:9/', filter: {} });
      expect((await subs.webhooks.list()).map((w) => w.id)).toEqual([id]);
      expect(JSON.stringify(await subs.webhooks.list())).not.toContain('whsec_');
      await subs.webhooks.remove(id);
      expect(await subs.webhooks.list()).toEqual([]);
    });
  });
}

dispatcherSuite(
  'PostgreSQL',
  async () => {
    const database = await createTestDatabase();
    const store = await createPostgresEventStore(database.url);
    const others: SqlEventStore[] = [];
    return {
      store,
      another: async () => {
        const other = await createPostgresEventStore(database.url);
        others.push(other);
        return other;
      },
      async dispose() {
        await Promise.all(others.map((o) => o.close()));
        await store.close();
        await database.drop();
      },
    };
  },
  true,
);

dispatcherSuite(
  'PGlite',
  async () => {
    const store = await createPGliteEventStore();
    return { store, dispose: () => store.close() };
  },
  false,
);
