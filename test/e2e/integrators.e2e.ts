import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventSource } from 'eventsource';
import { RUNTIME } from '@crm/api';
import type { Runtime } from '@crm/application';
import { customerEventTypes } from '@crm/domain';
import { registered, storages, type Call, type TestApi } from '../support/api';

interface Envelope {
  position: number;
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
}

/** Every event of the store, in position order, as the feed pages it. */
async function everything(integrator: Call, query = ''): Promise<Envelope[]> {
  const all: Envelope[] = [];
  for (let from = 1; ; ) {
    const page = await integrator('GET', `/v1/events?from=${from}&limit=1000${query}`);
    expect(page.status).toBe(200);
    all.push(...page.body.events);
    if (page.body.events.length === 0) return all;
    from = page.body.next;
  }
}

/** `writers` front desks recording `each` interactions apiece, on customers of their own, at once. */
async function writersAppend(call: Call, prefix: string, writers: number, each: number): Promise<void> {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const id = await registered(call, `${prefix}-${w}`);
      for (let i = 0; i < each; i++) {
        const answer = await call('POST', `/v1/customers/${id}/interactions`, { channel: 'call', direction: 'inbound', purpose: 'service', summary: `call ${i}` });
        if (answer.status !== 201) throw new Error(`${answer.status} ${answer.text}`);
      }
    }),
  );
}

describe.each(storages)('integrators: the feed, live events and consumer groups (%s)', (_storage, startApi) => {
  let api: TestApi;
  let integrator: Call;
  beforeAll(async () => {
    api = await startApi({ checkpointSeconds: 0, liveHeartbeatSeconds: 0.3, liveSlowConsumerSeconds: 1 });
    integrator = await api.as('integrator');
  });
  afterAll(() => api.close());

  describe('GET /v1/events', () => {
    let written: Envelope[];
    beforeAll(async () => {
      await registered(api.call, 'feed-1');
      await registered(api.call, 'feed-2');
      await api.call('POST', '/v1/customers/feed-1/complaints', { complaintId: 'cp-1', category: 'delivery', severity: 'low', channel: 'call', description: 'late', receivedBy: 'agent-wu' });
      await api.call('POST', '/v1/customers/feed-2/star-rating', { stars: 5 });
      written = await everything(integrator);
    });

    it('pages every event in position order, `from` inclusive, in the envelope of §8', async () => {
      expect(written.map((e) => e.type).slice(-4)).toEqual(['CustomerRegistered', 'CustomerRegistered', 'ComplaintFiled', 'StarRated']);
      expect(written.map((e) => e.position)).toEqual([...written.map((e) => e.position)].sort((a, b) => a - b));
      const [, second] = written;
      const page = await integrator('GET', `/v1/events?from=${second.position}&limit=1`);
      expect(page.body.events.map((e: Envelope) => e.eventId)).toEqual([second.eventId]);
      expect(page.body.next).toBe(second.position + 1);
      expect(Object.keys(page.body.events[0]).sort()).toEqual(['data', 'eventId', 'metadata', 'position', 'recordedAt', 'schemaVersion', 'streamId', 'streamVersion', 'type']);
    });

    it('filters by types and by stream, and moves `next` past what the filter leaves out', async () => {
      const complaints = await integrator('GET', '/v1/events?types=ComplaintFiled,StarRated');
      expect(complaints.body.events.map((e: Envelope) => e.type)).toEqual(['ComplaintFiled', 'StarRated']);
      expect(complaints.body.next).toBe(written[written.length - 1].position + 1);
      const stream = await integrator('GET', '/v1/events?stream=customer-feed-2');
      expect(stream.body.events.map((e: Envelope) => e.type)).toEqual(['CustomerRegistered', 'StarRated']);
      expect((await integrator('GET', `/v1/events?from=${complaints.body.next}`)).body).toEqual({ events: [], next: complaints.body.next });
    });

    it('answers a malformed query 400 with the parameter named, and refuses other roles', async () => {
      const bad = await integrator('GET', '/v1/events?types=NoSuchEvent&limit=0');
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'types']);
      expect((await integrator('GET', '/v1/events?stream=-feed-1')).body.errors[0].path).toBe('stream');
      // A customer id names its stream as well as the stream id does.
      expect((await integrator('GET', '/v1/events?stream=feed-1')).body).toEqual((await integrator('GET', '/v1/events?stream=customer-feed-1')).body);
      for (const role of ['writer', 'analyst', 'auditor'] as const) expect((await (await api.as(role))('GET', '/v1/events')).status).toBe(403);
    });
  });

  describe('GET /v1/events/live', () => {
    it('catches up, then follows live; an EventSource killed and reconnected with Last-Event-ID while 8 writers append gets exactly the full sequence', async () => {
      const start = (await everything(integrator)).length;
      const received: Envelope[] = [];
      const open = (lastEventId?: string) => {
        const source = new EventSource(`${api.url}/v1/events/live?from=1`, {
          fetch: (input, init) =>
            fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${integratorKey}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } }),
        });
        for (const type of customerEventTypes) {
          source.addEventListener(type, (message) => received.push(JSON.parse(message.data) as Envelope));
        }
        return source;
      };
      const integratorKey = await keyOf(api, 'integrator-live');
      let source = open();
      const writing = writersAppend(api.call, 'live', 8, 15);
      await until(() => received.length >= start + 40, () => `${received.length} of ${start + 40} events before the kill`);
      source.close();
      const lastId = String(received[received.length - 1].position);
      await sleep(200); // writes go on while nobody listens
      source = open(lastId);
      await writing;
      const total = (await everything(integrator)).length;
      await until(() => received.length >= total, () => `${received.length} of ${total} events after the reconnection`);
      await sleep(200);
      source.close();
      const expected = await everything(integrator);
      expect(received.map((e) => e.position)).toEqual(expected.map((e) => e.position));
      expect(new Set(received.map((e) => e.eventId)).size).toBe(expected.length);
    });

    it('sends `: ping` comments while nothing is written', async () => {
      const response = await fetch(`${api.url}/v1/events/live`, { headers: { authorization: `Bearer ${await keyOf(api, 'integrator-ping')}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = response.body!.getReader();
      let text = '';
      const until = Date.now() + 1500;
      while (Date.now() < until && (text.match(/: ping/g) ?? []).length < 3) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      expect((text.match(/: ping\n\n/g) ?? []).length).toBeGreaterThanOrEqual(3);
    });

    it('pauses a consumer that reads nothing, then drops it with the reason', async () => {
      const runtime = api.app.get<Runtime>(RUNTIME);
      // Enough events to fill the socket's buffers many times over.
      for (let batch = 0; batch < 30; batch++) {
        await runtime.store.appendToStreams(
          Array.from({ length: 10 }, (_, s) => ({
            streamId: `customer-slow-${batch}-${s}`,
            expectedVersion: 'no_stream' as const,
            events: Array.from({ length: 100 }, (_, n) => ({ type: 'StarRated', data: { stars: 3, note: 'x'.repeat(400), n } })),
          })),
        );
      }
      const key = await keyOf(api, 'integrator-slow');
      const socket = connect(Number(new URL(api.url).port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(`GET /v1/events/live?from=1 HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${key}\r\n\r\n`);
      socket.pause(); // reads nothing: the server's writes back up
      const memoryBefore = process.memoryUsage().rss;
      await sleep(2500);
      const grew = process.memoryUsage().rss - memoryBefore;
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.resume();
      await new Promise((resolve) => socket.once('end', resolve));
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text).toMatch(/event: dropped\ndata: \{"reason":"This consumer read nothing for 1000 ms/);
      // Far from the 300,000 events' 150 MB: the server read no further than the socket took.
      expect(text.length).toBeLessThan(60_000_000);
      expect(grew).toBeLessThan(100 * 1024 * 1024);
    });

    it('answers a malformed Last-Event-ID 400 with the header named', async () => {
      const answer = await integrator('GET', '/v1/events/live', undefined, { 'last-event-id': 'yesterday' });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].path).toBe('Last-Event-ID');
    });
  });

  describe('consumer groups', () => {
    it('three members, one killed mid-batch: nothing lost, each stream in order, the checkpoint at the end', async () => {
      const created = await integrator('POST', '/v1/consumer-groups', { name: 'sync', filter: { types: ['InteractionRecorded'] }, leaseSeconds: 1 });
      expect(created.status).toBe(201);
      expect((await integrator('POST', '/v1/consumer-groups', { name: 'sync', filter: { types: ['InteractionRecorded'] }, leaseSeconds: 1 })).status).toBe(200);
      expect((await integrator('POST', '/v1/consumer-groups', { name: 'sync', leaseSeconds: 1 })).status).toBe(409);

      const writing = writersAppend(api.call, 'group', 8, 15);
      const handled: Envelope[] = [];
      let stop = false;
      const member = async (name: string, dieAfterPolls?: number) => {
        for (let polls = 0; !stop; polls++) {
          const { body } = await integrator('POST', '/v1/consumer-groups/sync/poll', { member: name, max: 7 });
          if (polls === dieAfterPolls && body.events.length > 0) return; // killed holding its batch, never acked
          if (body.events.length === 0) {
            await sleep(20);
            continue;
          }
          const answer = await integrator('POST', '/v1/consumer-groups/sync/ack', { member: name, eventIds: body.events.map((e: Envelope) => e.eventId) });
          const acked = new Set(answer.body.acked);
          handled.push(...body.events.filter((e: Envelope) => acked.has(e.eventId)));
        }
      };
      const members = [member('a'), member('b'), member('c', 2)];
      await writing;
      const expected = await everything(integrator, '&types=InteractionRecorded');
      await until(() => handled.length >= expected.length, () => `${handled.length} of ${expected.length} events handled`);
      stop = true;
      await Promise.all(members);

      const mine = handled;
      expect(new Set(mine.map((e) => e.eventId))).toEqual(new Set(expected.map((e) => e.eventId)));
      expect(mine).toHaveLength(expected.length); // acked once each: a later ack of the dead member's lease is refused
      const byStream = new Map<string, number[]>();
      for (const e of mine) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.streamVersion]);
      for (const versions of byStream.values()) expect(versions).toEqual([...versions].sort((x, y) => x - y));

      const status = await integrator('GET', '/v1/consumer-groups/sync');
      expect(status.body).toMatchObject({ name: 'sync', filter: { types: ['InteractionRecorded'], stream: null }, pending: { total: 0 } });
      expect(status.body.checkpoint).toBeGreaterThanOrEqual(expected[expected.length - 1].position);
      expect(status.body.members.map((m: { member: string }) => m.member)).toEqual(['a', 'b', 'c']);
    });

    it("answers a member that lost a poll's answer its unacked events again, first, so its streams have no gap", async () => {
      await integrator('POST', '/v1/consumer-groups', { name: 'lost-answer', filter: { stream: 'customer-feed-2' } });
      const lost = await integrator('POST', '/v1/consumer-groups/lost-answer/poll', { member: 'x', max: 1 });
      expect(lost.body.events.map((e: Envelope) => e.type)).toEqual(['CustomerRegistered']);
      const again = await integrator('POST', '/v1/consumer-groups/lost-answer/poll', { member: 'x', max: 2 });
      expect(again.body.events.map((e: Envelope) => e.type)).toEqual(['CustomerRegistered', 'StarRated']);
      const ids = again.body.events.map((e: Envelope) => e.eventId);
      expect((await integrator('POST', '/v1/consumer-groups/lost-answer/ack', { member: 'x', eventIds: ids })).body).toEqual({ acked: ids, notLeased: [] });
      expect((await integrator('POST', '/v1/consumer-groups/lost-answer/poll', { member: 'x' })).body.events).toEqual([]);
    });

    it('refuses an ack of an event leased to another member, and answers unknown groups 404', async () => {
      await integrator('POST', '/v1/consumer-groups', { name: 'solo', filter: { stream: 'customer-feed-1' } });
      const polled = await integrator('POST', '/v1/consumer-groups/solo/poll', { member: 'x' });
      expect(polled.body.events.map((e: Envelope) => e.type)).toEqual(['CustomerRegistered', 'ComplaintFiled']);
      const ids = polled.body.events.map((e: Envelope) => e.eventId);
      expect((await integrator('POST', '/v1/consumer-groups/solo/poll', { member: 'y' })).body.events).toEqual([]); // the stream is x's
      expect((await integrator('POST', '/v1/consumer-groups/solo/ack', { member: 'y', eventIds: ids })).body).toEqual({ acked: [], notLeased: ids });
      // Answered in the order asked, each once, whatever the spelling or the order the rows are deleted in.
      const asked = [...ids].reverse();
      const spelt = [...asked.map((id: string) => id.toUpperCase()), asked[0]];
      expect((await integrator('POST', '/v1/consumer-groups/solo/ack', { member: 'x', eventIds: spelt })).body).toEqual({ acked: asked, notLeased: [] });
      expect((await integrator('GET', '/v1/consumer-groups/nope')).status).toBe(404);
      expect((await integrator('POST', '/v1/consumer-groups/nope/poll', { member: 'x' })).status).toBe(404);
      const bad = await integrator('POST', '/v1/consumer-groups', { name: '', filter: { types: ['Nope'] }, leaseSeconds: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['filter.types', 'leaseSeconds', 'name']);
    });
  });
});

/** Waits for `done`, failing with what was reached after 30 s rather than hanging the suite. */
async function until(done: () => boolean, reached: () => string): Promise<void> {
  for (const deadline = Date.now() + 30_000; !done(); await sleep(10)) {
    if (Date.now() > deadline) throw new Error(`Still waiting after 30 s: ${reached()}`);
  }
}

async function keyOf(api: TestApi, name: string): Promise<string> {
  const issued = await api.call('POST', '/v1/api-keys', { name, role: 'integrator' });
  if (issued.status !== 201) throw new Error(`${issued.status} ${issued.text}`);
  return issued.body.key;
}
