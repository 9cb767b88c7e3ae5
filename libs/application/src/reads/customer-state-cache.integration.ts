import { setTimeout as sleep } from 'node:timers/promises';
import type { CustomerCommand } from '@crm/domain';
import { streamKeyShreddedChannel, type EventStore } from '@crm/event-store';
import { createTestDatabase, testMasterKey, testSigningKey, type TestDatabase } from '@crm/testing';
import { evictErasedCustomers } from '../erased-customer-eviction';
import { openRuntime, type Runtime } from '../runtime';
import { CustomerStateCache } from './customer-state-cache';

const everything = { asOf: Infinity, knownAt: Infinity, toVersion: Infinity };

/** Two processes on one database: `reader` answers the auditors, `writer` records facts meanwhile. */
describe('the auditors’ state kept in memory, on a database another process writes to (PostgreSQL)', () => {
  let database: TestDatabase;
  let reader: Runtime;
  let writer: Runtime;

  const record = (customerId: string, command: CustomerCommand, occurredAt = '2024-03-01T00:00:00.000Z') =>
    writer.facts.record(customerId, command, { actor: 'spec', correlationId: 'c', occurredAt });
  const register = async (customerId: string, facts = 0) => {
    await record(customerId, { type: 'RegisterCustomer', data: { customerId, kind: 'person', name: '王芳' } }, '2024-01-01T00:00:00.000Z');
    await record(customerId, { type: 'AddContact', data: { contactId: 'ct-1', name: '李秘书', level: 'staff', role: 'user' } }, '2024-01-02T00:00:00.000Z');
    for (let i = 0; i < facts; i++) await record(customerId, { type: 'RateStars', data: { stars: 1 + (i % 5) } }, `2024-02-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = { databaseUrl: database.url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey };
    reader = await openRuntime(config);
    writer = await openRuntime(config);
  });
  afterAll(async () => {
    await reader?.close();
    await writer?.close();
    await database?.drop();
  });

  it('answers with what the other process appended since, at once', async () => {
    await register('st-1');
    const state = () => reader.customerState.state({ customerId: 'st-1', asOf: '2030-01-01T00:00:00.000Z', knownAt: '2030-01-01T00:00:00.000Z' });
    expect(await state()).toMatchObject({ streamVersion: 1, state: { starRating: null } });
    await record('st-1', { type: 'RateStars', data: { stars: 3 } });
    expect(await state()).toMatchObject({ streamVersion: 2, state: { starRating: { stars: 3 } } });
    // Back-dated, before the rating: the rating of March stays the latest.
    await record('st-1', { type: 'RateStars', data: { stars: 5 } }, '2024-02-01T00:00:00.000Z');
    expect(await state()).toMatchObject({ streamVersion: 3, state: { starRating: { stars: 3 } } });
    const february = await reader.customerState.state({ customerId: 'st-1', asOf: '2024-02-15T00:00:00.000Z', knownAt: '2030-01-01T00:00:00.000Z' });
    expect(february).toMatchObject({ streamVersion: 3, state: { starRating: { stars: 5 } } });
  });

  it('sees, in every answer, each event stored before it was asked, also while a read begun earlier is in flight', async () => {
    await register('st-2');
    // A read whose rows are in hand but not yet handed over while `held` is unsettled: one begun before the write.
    let held: Promise<void> | undefined;
    let read: () => void = () => undefined;
    const store = Object.create(reader.store) as EventStore;
    store.readStream = async function* (streamId, options) {
      const hold = held;
      const events = [];
      for await (const event of reader.store.readStream(streamId, options)) events.push(event);
      read();
      await hold;
      yield* events;
    };
    const cache = new CustomerStateCache(store);
    for (let round = 0; round < 3; round++) {
      let release: () => void = () => undefined;
      held = new Promise((resolve) => (release = resolve));
      const readDone = new Promise<void>((resolve) => (read = resolve));
      const early = cache.history('st-2');
      await readDone;
      held = undefined;
      const { streamVersion } = await record('st-2', { type: 'RateStars', data: { stars: 1 + round } });
      const later = Promise.all(Array.from({ length: 8 }, () => cache.history('st-2')));
      release();
      expect((await early).version).toBe(streamVersion - 1);
      expect((await later).map((history) => history.within(everything).streamVersion)).toEqual(Array(8).fill(streamVersion));
    }
  });

  it('reads the whole stream again when it meets an erasure, so that no personal field decoded before it is answered', async () => {
    await register('st-3');
    // Not told of erasures: only what it reads tells it.
    const cache = new CustomerStateCache(reader.store);
    expect((await cache.history('st-3')).within(everything).view).toMatchObject({ name: '王芳', contacts: [{ name: '李秘书' }] });
    // Erased by this process, whose store forgets the key at once; the notice reaches the caches later.
    await reader.facts.record('st-3', { type: 'EraseCustomer', data: { basis: 'data-subject-request' } }, { actor: 'spec', correlationId: 'c', occurredAt: '2024-04-01T00:00:00.000Z' });
    const before = (await cache.history('st-3')).within({ ...everything, asOf: Date.parse('2024-03-01T00:00:00.000Z') });
    expect(before).toMatchObject({ streamVersion: 1, personalDataErased: true, erasureFolded: false, view: { name: null, contacts: [{ name: null }] } });
    expect(cache.heldEvents).toBe(3);
  });

  it('drops the whole customer when any key of its stream is shredded, its own or a contact’s', async () => {
    await register('st-4');
    await register('st-4:x');
    const cache = new CustomerStateCache(reader.store);
    const stop = await evictErasedCustomers(reader.client, [cache]);
    try {
      const shredded = async (key: string, customers: string[], held: number) => {
        for (const customerId of customers) await cache.history(customerId);
        await reader.client.query(`select pg_notify($1, $2)`, [streamKeyShreddedChannel, key]);
        for (let tries = 0; tries < 100 && cache.heldEvents !== held; tries++) await sleep(20);
        expect(cache.heldEvents).toBe(held);
      };
      // A contact's key is named by the stream, U+001F and the contact (the store's key names): only that customer goes.
      await shredded('customer-st-4\u001fcontact:ct-1', ['st-4', 'st-4:x'], 2);
      await shredded('customer-st-4:x', ['st-4', 'st-4:x'], 2);
    } finally {
      await stop();
    }
  });

  it('keeps at most its budget of events, dropping the customers used least lately, and no customer never written', async () => {
    for (const customerId of ['lru-a', 'lru-b', 'lru-c']) await register(customerId, 8);
    await register('lru-big', 28);
    const cache = new CustomerStateCache(reader.store, 25);
    const held = async (customerId: string) => {
      const history = await cache.history(customerId);
      return { version: history.version, held: cache.heldEvents };
    };
    expect(await held('lru-a')).toEqual({ version: 9, held: 10 });
    expect(await held('lru-b')).toEqual({ version: 9, held: 20 });
    expect(await held('lru-c')).toEqual({ version: 9, held: 20 });
    expect(await held('lru-b')).toEqual({ version: 9, held: 20 });
    // a was dropped; read again, it pushes out c, used less lately than b.
    expect(await held('lru-a')).toEqual({ version: 9, held: 20 });
    expect(await held('lru-b')).toEqual({ version: 9, held: 20 });
    expect(await held('nobody')).toEqual({ version: -1, held: 20 });
    // One customer over the whole budget is answered, then not kept.
    expect(await held('lru-big')).toEqual({ version: 29, held: 0 });
  });
});
