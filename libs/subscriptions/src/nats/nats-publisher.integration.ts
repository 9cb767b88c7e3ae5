import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPGliteEventStore, createPostgresClient, CryptoShreddingEventStore, migrate, SqlEventStore, type EventStore, type RecordedEvent } from '@crm/event-store';
import { testMasterKeys, testPersonalDataPolicy } from '@crm/event-store/testing';
import { startNats, type EphemeralNats } from '@crm/ephemeral-nats';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { subscriptionMigrations } from '../migrations';
import { Subscriptions } from '../subscriptions';
import { messageOf, subjectOf } from './event-message';
import { NatsPublisher, type NatsPublisherOptions } from './nats-publisher';

const stream = 'CRM_EVENTS';

interface StreamMessage {
  seq: number;
  subject: string;
  msgId: string | undefined;
  /** The Crm-Position header. */
  holdsUpTo: number;
  event: RecordedEvent;
}

/** Every message of the stream, by sequence (a purged one is not there). */
async function streamMessages(jsm: JetStreamManager): Promise<StreamMessage[]> {
  const { state } = await jsm.streams.info(stream);
  const messages: StreamMessage[] = [];
  for (let from = state.first_seq; from <= state.last_seq && state.messages > 0; from += 200) {
    const seqs = Array.from({ length: Math.min(200, state.last_seq - from + 1) }, (_, i) => from + i);
    const batch = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(stream, { seq }).catch(() => undefined)));
    messages.push(
      ...batch.flatMap((m) =>
        m ? [{ seq: m.seq, subject: m.subject, msgId: m.header.get('Nats-Msg-Id'), holdsUpTo: Number(m.header.get('Crm-Position')), event: m.json<RecordedEvent>() }] : [],
      ),
    );
  }
  return messages;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function until(what: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

const customer = () => `customer-${randomUUID()}`;
const notes = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ type: 'NoteAdded', data: { n: from + i } }));

function publisherSuite() {
  let database: TestDatabase;
  let store: SqlEventStore;
  let nats: EphemeralNats;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const publishers: NatsPublisher[] = [];
  const errors: string[] = [];
  const publisher = (holder = 'node-a', options: Partial<NatsPublisherOptions> = {}, from: EventStore = store) => {
    const p = new NatsPublisher(store.client, from, {
      url: nats.url,
      holder,
      leaseMs: 1_500,
      publishTimeoutMs: 500,
      idlePollMs: 5,
      onError: (message, error) => errors.push(`${message}: ${String(error)}`),
      ...options,
    });
    publishers.push(p);
    p.start();
    return p;
  };
  const streamCount = async () => (await jsm.streams.info(stream).catch(() => undefined))?.state.messages ?? 0;
  const allEvents = () => collect(store.readAll());
  const checkpoint = async () => (await store.client.query<{ position: number }>(`select position::float8 as position from crm_nats_publisher where stream = $1`, [stream]))[0]?.position;

  /** The stream holds every event of `$all` once, in position order, each on its subject, with its id as `Nats-Msg-Id`. */
  async function expectEveryEventOnce(): Promise<void> {
    const events = await allEvents();
    await until(async () => (await streamCount()) >= events.length);
    const messages = await streamMessages(jsm);
    expect(messages.map((m) => m.event.eventId)).toEqual(events.map((e) => e.eventId));
    expect(messages.map((m) => m.msgId)).toEqual(events.map((e) => e.eventId));
    expect(messages.map((m) => m.subject)).toEqual(events.map(subjectOf));
    expect(messages.map((m) => m.event)).toEqual(events);
  }

  beforeEach(async () => {
    database = await createTestDatabase();
    store = await SqlEventStore.open(createPostgresClient(database.url));
    await migrate(store.client, subscriptionMigrations);
    nats = await startNats();
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    jsm = await nc.jetstreamManager();
    errors.length = 0;
  });
  afterEach(async () => {
    await Promise.all(publishers.splice(0).map((p) => p.stop()));
    await nc.close();
    await nats.stop();
    await store.close();
    await database.drop();
  });

  it('publishes the events written before and while it runs, in $all order, one message each on its type and customer', async () => {
    const [ada, bob] = [customer(), customer()];
    await store.append(ada, [{ type: 'CustomerRegistered', data: { name: 'Ada' } }, ...notes(9)], 'no_stream');
    await store.append(bob, [{ type: 'CustomerRegistered', data: { name: 'Bob' } }], 'no_stream');
    const p = publisher();
    await store.append(bob, notes(5), 0);
    await store.appendToStreams([
      { streamId: ada, events: notes(3, 9), expectedVersion: 9 },
      { streamId: customer(), events: [{ type: 'CustomerRegistered', data: {} }], expectedVersion: 'no_stream' },
    ]);
    await expectEveryEventOnce();
    expect((await streamMessages(jsm)).filter((m) => m.subject === `crm.events.NoteAdded.${bob.slice('customer-'.length)}`)).toHaveLength(5);
    const head = await store.headPosition();
    await until(async () => (await checkpoint()) === head);
    expect(await p.status()).toEqual({ publishing: true, position: head, lag: 0 });
    expect(errors).toEqual([]);
  });

  it('goes on from where it stood after a stop, and another process takes over when the holder is gone', async () => {
    const ada = customer();
    await store.append(ada, notes(25), 'no_stream');
    const a = publisher('node-a');
    await until(async () => (await streamCount()) === 25);
    const b = publisher('node-b');
    await sleep(300);
    expect((await b.status()).publishing).toBe(false);
    // node-a ends without handing its lease back (as when its process dies): node-b waits for the lease to run out.
    await a.stop();
    expect(await checkpoint()).toBe(await store.headPosition());
    await store.append(ada, notes(15, 25), 24);
    await until(async () => (await streamCount()) === 40);
    expect((await b.status()).publishing).toBe(true);
    await expectEveryEventOnce();
    expect(errors).toEqual([]);
  });

  it('holds every event exactly once, in order, across a NATS restart and a crash while eight writers append', async () => {
    const customers = Array.from({ length: 8 }, customer);
    let writing = true;
    const writers = customers.map(async (id) => {
      for (let version = -1; writing; await sleep(5)) {
        version = (await store.append(id, notes(1 + ((version + 1) % 2), version + 1), version === -1 ? 'no_stream' : version)).streamVersion;
      }
    });
    publisher();
    await sleep(500);
    const before = await store.headPosition();
    // A shutdown drops what was in flight while later publishes wait in the client; a crash, then a longer outage.
    await nats.restart();
    await sleep(300);
    await nats.restart({ crash: true, downMs: 700 });
    await sleep(300);
    const during = await store.headPosition();
    await sleep(700);
    writing = false;
    await Promise.all(writers);
    expect(during).toBeGreaterThan(before); // the writers went on while NATS was away
    await expectEveryEventOnce();
    const messages = await streamMessages(jsm);
    for (const id of customers) {
      const versions = messages.filter((m) => m.event.streamId === id).map((m) => m.event.streamVersion);
      expect(versions).toEqual(versions.map((_, i) => i));
    }
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(errors.length).toBeGreaterThan(0); // the outage was noticed, and reported rather than thrown
  });

  it('publishes nothing twice when its checkpoint lags behind what the stream holds (a crash before the checkpoint was written)', async () => {
    const ada = customer();
    await store.append(ada, notes(30), 'no_stream');
    const first = publisher();
    await until(async () => (await streamCount()) === 30);
    await first.stop();
    await store.client.query(`update crm_nats_publisher set position = 5 where stream = $1`, [stream]);
    await store.append(ada, notes(10, 30), 29);
    publisher();
    await until(async () => (await streamCount()) >= 40);
    await sleep(200);
    await expectEveryEventOnce();
    const head = await store.headPosition();
    await until(async () => (await checkpoint()) === head);
    expect(errors).toEqual([]);
  });

  it("replaces an erased customer's messages, or an erased contact's customer's, with the events as they now read, before the erasure", async () => {
    const shredding = await CryptoShreddingEventStore.open(store, testMasterKeys, testPersonalDataPolicy);
    const [wang, li, ada] = [customer(), customer(), customer()];
    await shredding.append(wang, [
      { type: 'CustomerRegistered', data: { name: 'Wang Fang', region: 'Hangzhou' } },
      { type: 'InteractionRecorded', data: { channel: 'call', summary: 'Asked after her daughter Lili' } },
      { type: 'ContactAdded', data: { contactId: 'ct-1', name: 'Zhou Min', phone: '138-1', level: 'staff' } },
    ], 'no_stream');
    await shredding.append(li, [{ type: 'CustomerRegistered', data: { name: 'Li Na' } }, { type: 'ContactAdded', data: { contactId: 'ct-2', name: 'Chen Jie', phone: '139-2' } }], 'no_stream');
    await shredding.append(ada, notes(2), 'no_stream');
    const p = publisher('node-a', { erasures: testPersonalDataPolicy }, shredding);
    await until(async () => (await streamCount()) === 7);
    const bodies = async () => (await streamMessages(jsm)).map((m) => JSON.stringify(m.event)).join('\n');
    expect(await bodies()).toContain('Wang Fang'); // published as read then

    await shredding.append(li, [{ type: 'ContactErased', data: { contactId: 'ct-2', basis: 'data-subject-request' } }], 1);
    const wangErased = (await shredding.append(wang, [{ type: 'CustomerErased', data: { basis: 'data-subject-request' } }], 2)).events[0];
    await until(async () => (await p.status()).position === (await store.headPosition()));
    const of = async (id: string) => (await streamMessages(jsm)).filter((m) => m.event.streamId === id);
    // Each stream's messages: its events as the store reads them now, in version order, the erasure last.
    for (const id of [wang, li]) expect((await of(id)).map((m) => m.event)).toEqual(await collect(shredding.readStream(id)));
    for (const text of ['Wang Fang', 'Lili', 'Zhou Min', '138-1', 'Chen Jie', '139-2']) expect(await bodies()).not.toContain(text);
    expect(await bodies()).toContain('Li Na'); // the contact's erasure leaves the customer's own
    const copies = (await of(wang)).slice(0, 3);
    expect(copies.map((m) => m.holdsUpTo)).toEqual([1, 2, 3].map(() => wangErased.position - 1));
    expect(copies.every((m) => m.msgId !== m.event.eventId && m.msgId!.startsWith(`${m.event.eventId}:erased-at-${wangErased.position}:`))).toBe(true);
    expect((await of(wang))[3]).toMatchObject({ msgId: wangErased.eventId, holdsUpTo: wangErased.position });
    expect((await of(ada)).map((m) => m.msgId)).toEqual((await collect(store.readStream(ada))).map((e) => e.eventId)); // another's: untouched

    // A session cut short after the purge and a first message published again (a crash): the next one does it all again, nothing twice.
    await shredding.append(ada, [{ type: 'CustomerRegistered', data: { name: 'Ada Zhao' } }], 1);
    await until(async () => (await p.status()).position === (await store.headPosition()));
    await p.stop();
    const adaErased = (await shredding.append(ada, [{ type: 'CustomerErased', data: { basis: 'data-subject-request' } }], 2)).events[0];
    await jsm.streams.purge(stream, { filter: `crm.events.*.${ada.slice('customer-'.length)}` });
    const [first] = await collect(shredding.readStream(ada));
    const half = messageOf(first, adaErased.position - 1);
    await nc.jetstream().publish(half.subject, half.body, { headers: half.headers, msgID: `${first.eventId}:cut-short` });
    publisher('node-a', { erasures: testPersonalDataPolicy }, shredding);
    await until(async () => (await of(ada)).length === 4);
    await sleep(300);
    expect((await of(ada)).map((m) => m.event)).toEqual(await collect(shredding.readStream(ada)));
    expect(await bodies()).not.toContain('Ada Zhao');
    expect(errors).toEqual([]);
  });

  it('publishes the events after the checkpoint to a new, empty stream', async () => {
    const ada = customer();
    await store.append(ada, notes(10), 'no_stream');
    const first = publisher();
    await until(async () => (await streamCount()) === 10);
    await first.stop();
    await jsm.streams.delete(stream);
    await store.append(ada, notes(4, 10), 9);
    publisher();
    await until(async () => (await streamCount()) === 4);
    const messages = await streamMessages(jsm);
    expect(messages.map((m) => m.event.eventId)).toEqual((await allEvents()).slice(10).map((e) => e.eventId));
  });
}

describe('the NATS publisher (PostgreSQL)', publisherSuite);

describe('the NATS publisher (embedded PGlite, through Subscriptions)', () => {
  it('publishes $all to JetStream when Subscriptions are given a NATS url', async () => {
    const nats = await startNats();
    const store = await createPGliteEventStore();
    const nc = await connect({ servers: nats.url });
    try {
      const subscriptions = await Subscriptions.open(store.client, store, { holder: 'solo', natsUrl: nats.url, leaseMs: 1_500 });
      const ada = customer();
      await store.append(ada, notes(20), 'no_stream');
      await subscriptions.start();
      await store.append(ada, notes(20, 20), 19);
      const jsm = await nc.jetstreamManager();
      await until(async () => ((await jsm.streams.info(stream).catch(() => undefined))?.state.messages ?? 0) === 40);
      await subscriptions.stop();
      const messages = await streamMessages(jsm);
      expect(messages.map((m) => m.event)).toEqual(await collect(store.readAll()));
    } finally {
      await nc.close();
      await store.close();
      await nats.stop();
    }
  });
});
