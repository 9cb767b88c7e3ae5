import { randomUUID } from 'node:crypto';
import { InvalidEventError, PersonalDataErasedError, WrongExpectedVersionError } from '../errors';
import type { EventStore, RecordedEvent } from '../event-store';
import { CryptoShreddingEventStore, type CryptoShreddingOptions, type PersonalDataPolicy } from '../personal-data/crypto-shredding-event-store';
import { MasterKeys, newMasterKey } from '../personal-data/master-keys';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';
import { collect, streamName } from './contract-fixtures';

/** Names, free text: personal. Ratings: not. `CustomerErased` erases. */
export const testPersonalDataPolicy: PersonalDataPolicy = {
  personalFields: (type) => ({ CustomerRegistered: ['name'], InteractionRecorded: ['summary', 'outcome'] })[type] ?? [],
  erases: (type) => type === 'CustomerErased',
};

/** A crypto-shredding store over a fresh database, and the means to open more on it. */
export interface ShreddingFixture {
  store: CryptoShreddingEventStore<SqlQueryable>;
  client: SqlClient;
  /** Another store on the same database, as another process would have one (own key cache). */
  another(options?: CryptoShreddingOptions<SqlQueryable>): Promise<CryptoShreddingEventStore<SqlQueryable>>;
  dispose(): Promise<void>;
}

/** The master key of the stores a test file opens: one per file (module), random, so no test leans on its bytes. */
export const testMasterKeys = new MasterKeys({ key: newMasterKey(), origin: 'the test master key' });

export async function shreddingOver(client: SqlClient, close: () => Promise<void>): Promise<ShreddingFixture> {
  const open = async (options?: CryptoShreddingOptions<SqlQueryable>) =>
    CryptoShreddingEventStore.open(await SqlEventStore.open(client), testMasterKeys, testPersonalDataPolicy, options);
  const store = await open();
  return { store, client, another: open, dispose: close };
}

const registration = { type: 'CustomerRegistered', data: { name: 'Wang Fang', kind: 'person', region: 'Hangzhou' } };
const call = { type: 'InteractionRecorded', data: { channel: 'call', summary: 'Asked after her daughter Lili', n: 1 } };
const erasure = { type: 'CustomerErased', data: { basis: 'data-subject-request' } };

async function storedText(client: SqlClient, streamId: string): Promise<string> {
  const rows = await client.query<{ text: string }>(`select data::text || metadata::text as text from crm_events where stream_id = $1`, [streamId]);
  return rows.map((row) => row.text).join('\n');
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; ; tries++) {
    const value = await read();
    if (done(value) || tries >= 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Crypto-shredding (DESIGN.md §8: erased personal data reads as null fields listed in `metadata.erased`). */
export function cryptoShreddingContract(name: string, open: () => Promise<ShreddingFixture>): void {
  describe(`crypto-shredding: ${name}`, () => {
    let fixture: ShreddingFixture;
    beforeAll(async () => {
      fixture = await open();
    });
    afterAll(async () => {
      await fixture?.dispose();
    });
    const store = (): EventStore => fixture.store;

    it('stores personal fields sealed, and answers and reads them back as written', async () => {
      const id = streamName();
      const { events } = await store().append(id, [registration, call], 'no_stream');
      expect(events.map((e) => e.data)).toEqual([registration.data, call.data]);
      expect(events[0].metadata).not.toHaveProperty('personalData');
      expect(await collect(store().readStream(id))).toEqual(events);
      const fromAll = await collect(store().readAll({ streamId: id }));
      expect(fromAll.map((e) => e.data)).toEqual([registration.data, call.data]);
      const stored = await storedText(fixture.client, id);
      expect(stored).not.toContain('Wang Fang');
      expect(stored).not.toContain('Lili');
      expect(stored).toContain('Hangzhou');
      expect(await store().verify({ streamId: id })).toMatchObject({ ok: true, checked: 2 });
    });

    it('shreds the key as the erasure is written: personal fields then read as null, named in metadata.erased', async () => {
      const id = streamName();
      await store().append(id, [registration, call, { type: 'StarRated', data: { stars: 4 } }], 'no_stream');
      const erased = await store().append(id, [erasure], 2);
      expect(erased.events[0].data).toEqual(erasure.data);
      const read = await collect(store().readStream(id));
      expect(read.map((e) => e.data)).toEqual([
        { name: null, kind: 'person', region: 'Hangzhou' },
        { channel: 'call', summary: null, n: 1 },
        { stars: 4 },
        erasure.data,
      ]);
      expect(read.map((e) => e.metadata.erased)).toEqual([['name'], ['summary'], undefined, undefined]);
      // A tombstone: no key of any kind, wrapped or plain.
      const [key] = await fixture.client.query(`select key, wrapped_key, master_key_id, shredded_at from crm_stream_keys where stream_id = $1`, [id]);
      expect(key).toEqual({ key: null, wrapped_key: null, master_key_id: null, shredded_at: expect.any(Date) });
      // The chain covers what is stored, the sealed text: it stays whole.
      expect(await store().verify({ streamId: id })).toMatchObject({ ok: true, checked: 4 });
    });

    it('shreds nothing when the erasure fails its version check', async () => {
      const id = streamName();
      await store().append(id, [registration, call], 'no_stream');
      await expect(store().append(id, [erasure], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect((await collect(store().readStream(id))).map((e) => e.data)).toEqual([registration.data, call.data]);
    });

    it('writes neither the erasure nor the shredding when the work done with it fails', async () => {
      const id = streamName();
      const failing = await fixture.another({
        onErasure: async () => {
          throw new Error('the copies could not be deleted');
        },
      });
      await failing.append(id, [registration], 'no_stream');
      await expect(failing.append(id, [erasure], 0)).rejects.toThrow('the copies could not be deleted');
      expect(await store().streamVersion(id)).toBe(0);
      expect((await collect(failing.readStream(id)))[0].data).toEqual(registration.data);
    });

    it('refuses personal data on an erased stream, even one erased before any was written; other facts still go', async () => {
      const id = streamName();
      await store().append(id, [{ type: 'StarRated', data: { stars: 2 } }, erasure], 'no_stream');
      await expect(store().append(id, [call], 1)).rejects.toBeInstanceOf(PersonalDataErasedError);
      const fresh = await fixture.another();
      await expect(fresh.append(id, [call], 1)).rejects.toBeInstanceOf(PersonalDataErasedError);
      expect((await store().append(id, [{ type: 'StarRated', data: { stars: 1 } }], 1)).streamVersion).toBe(2);
    });

    it('tells every other store on the database at once', async () => {
      const id = streamName();
      const other = await fixture.another();
      await store().append(id, [registration], 'no_stream');
      expect((await collect(other.readStream(id)))[0].data.name).toBe('Wang Fang'); // the other now keeps the key
      await store().append(id, [erasure], 0);
      const read = await eventually(() => collect(other.readStream(id)), (events) => events[0].data.name === null);
      expect(read[0].data.name).toBeNull();
    });

    it('binds sealed text to its event: moved to another, it does not open', async () => {
      const id = streamName();
      await store().append(id, [call, { ...call, data: { ...call.data, summary: 'another call' } }], 'no_stream');
      await fixture.client.query(
        `update crm_events set metadata = (select metadata from crm_events where stream_id = $1 and stream_version = 0)
         where stream_id = $1 and stream_version = 1`,
        [id],
      );
      await expect(collect(store().readStream(id))).rejects.toThrow(/does not open with its stream's key/);
      expect((await store().verify({ streamId: id })).broken.map((b) => b.version)).toEqual([1]);
    });

    it('refuses metadata members that only the store writes', async () => {
      for (const member of ['personalData', 'erased']) {
        const attempt = store().append(streamName(), [{ ...call, metadata: { [member]: 'x' } }], 'no_stream');
        await expect(attempt).rejects.toBeInstanceOf(InvalidEventError);
        await expect(attempt).rejects.toMatchObject({ path: `events[0].metadata.${member}` });
      }
    });

    it('seals appends to several streams too, and wants an erasure alone', async () => {
      const [a, b] = [streamName(), streamName()];
      const results = await store().appendToStreams([
        { streamId: a, events: [registration], expectedVersion: 'no_stream' },
        { streamId: b, events: [call], expectedVersion: 'no_stream' },
      ]);
      expect(results.map((r) => (r as { events: RecordedEvent[] }).events[0].data)).toEqual([registration.data, call.data]);
      expect(await storedText(fixture.client, a)).not.toContain('Wang Fang');
      await expect(store().appendToStreams([{ streamId: a, events: [erasure], expectedVersion: 0 }])).rejects.toMatchObject({
        path: 'requests[0].events[0]',
      });
    });

    it('gives concurrent first writers of one stream one key', async () => {
      const id = streamName();
      const others = await Promise.all([fixture.another(), fixture.another(), fixture.another()]);
      await Promise.all(others.map((other, i) => other.append(id, [{ ...call, eventId: randomUUID(), data: { ...call.data, n: i } }], 'any')));
      const keys = await fixture.client.query(`select 1 from crm_stream_keys where stream_id = $1`, [id]);
      expect(keys).toHaveLength(1);
      for (const reader of [store(), ...others]) {
        expect((await collect(reader.readStream(id))).map((e) => e.data.summary)).toEqual(Array(3).fill(call.data.summary));
      }
    });
  });
}
