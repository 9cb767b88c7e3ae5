import { PersonalDataErasedError } from '../errors';
import { CryptoShreddingEventStore } from '../personal-data/crypto-shredding-event-store';
import { AlteredStreamKeyError, UnknownMasterKeyError } from '../personal-data/master-key-errors';
import { MasterKeys, newMasterKey } from '../personal-data/master-keys';
import { newStreamKey } from '../personal-data/sealing';
import type { StreamKeyVault } from '../personal-data/stream-key-vault';
import { StreamKeys } from '../personal-data/stream-keys';
import type { WrappedStreamKey } from '../personal-data/wrapped-key-listing';
import { StreamKeyConflictError } from '../personal-data/wrapped-key-import';
import { migrate } from '../sql/migrations';
import { eventStoreMigrations } from '../sql/schema';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';
import { collect, streamName } from './contract-fixtures';
import { testMasterKeys, testPersonalDataPolicy } from './crypto-shredding-contract';

/** A fresh, empty database, not migrated. */
export interface DatabaseFixture {
  client: SqlClient;
  dispose(): Promise<void>;
}

const registration = (name: string) => ({ type: 'CustomerRegistered', data: { name, kind: 'person', region: 'Hangzhou' } });
const call = { type: 'InteractionRecorded', data: { channel: 'call', summary: 'Asked after her daughter Lili', n: 1 } };
const erasure = { type: 'CustomerErased', data: { basis: 'data-subject-request' } };

/** A store as a process opens it with these master keys; closing it would close the shared client, so none is closed. */
async function openStore(client: SqlClient, masterKeys: MasterKeys) {
  const events = await SqlEventStore.open(client);
  const keys = await StreamKeys.open(client, masterKeys);
  return { keys, store: new CryptoShreddingEventStore(events, keys, testPersonalDataPolicy) };
}

/** Customers with personal data, the last one erased; answers their ids and each one's key as the store used it. */
async function writeCustomers(client: SqlClient, masterKeys: MasterKeys, count: number): Promise<{ ids: string[]; erased: string; streamKeys: Buffer[] }> {
  const { store, keys } = await openStore(client, masterKeys);
  const ids = Array.from({ length: count }, () => streamName());
  for (const [i, id] of ids.entries()) await store.append(id, [registration(`Wang Fang ${i}`), call], 'no_stream');
  const streamKeys = await Promise.all(ids.map(async (id) => (await keys.forReading(id))!));
  const erased = ids[count - 1];
  await store.append(erased, [erasure], 1);
  await keys.close();
  return { ids, erased, streamKeys };
}

/** Every byte a dump of the keys and the events holds: each row as text (bytea in hex), and each bytea column's raw bytes. */
async function dump(client: SqlQueryable): Promise<Buffer> {
  const rows = await client.query<{ text: string; bytes: Uint8Array }>(
    `select t::text as text, coalesce(t.key, ''::bytea) || coalesce(t.wrapped_key, ''::bytea) as bytes from crm_stream_keys t
     union all
     select t::text, t.hash from crm_events t`,
  );
  return Buffer.concat(rows.flatMap((row) => [Buffer.from(row.text), Buffer.from(row.bytes)]));
}

/** Whether the dump holds the key, raw, in hex or in base64. */
function holds(dumped: Buffer, key: Buffer): boolean {
  return [key, Buffer.from(key.toString('hex')), Buffer.from(key.toString('base64'))].some((form) => dumped.includes(form));
}

async function keyRows(client: SqlQueryable) {
  return client.query<{ stream_id: string; key: unknown; wrapped: boolean; master_key_id: string | null; shredded: boolean }>(
    `select stream_id, key, wrapped_key is not null as wrapped, master_key_id, shredded_at is not null as shredded from crm_stream_keys order by stream_id`,
  );
}

async function eventsAsStored(client: SqlQueryable) {
  return client.query(`select position, stream_id, data::text, metadata::text, encode(hash, 'hex') as hash from crm_events order by position`);
}

const names = async (store: CryptoShreddingEventStore<SqlQueryable>, ids: readonly string[]) =>
  Promise.all(ids.map(async (id) => (await collect(store.readStream(id)))[0].data.name));

/**
 * The streams' keys wrapped under a master key (envelope encryption): a dump of
 * the database opens no personal data, the master key does, another refuses to
 * start, a rotation moves every key to a new master key without touching an
 * event, keys kept in plain from before are wrapped at open, and the wrapped
 * keys can be exported and imported as they are.
 */
export function envelopeEncryptionContract(name: string, database: () => Promise<DatabaseFixture>): void {
  describe(`envelope encryption of stream keys: ${name}`, () => {
    const fixtures: DatabaseFixture[] = [];
    const fresh = async () => {
      const fixture = await database();
      fixtures.push(fixture);
      return fixture.client;
    };
    afterAll(async () => {
      for (const fixture of fixtures) await fixture.dispose();
    });

    describe('one database, one master key', () => {
      let client: SqlClient;
      let written: Awaited<ReturnType<typeof writeCustomers>>;
      beforeAll(async () => {
        client = await fresh();
        written = await writeCustomers(client, testMasterKeys, 4);
      });

      it('keeps no stream key in the database: a dump of the keys and the events holds none of them, nor the master key', async () => {
        const dumped = await dump(client);
        for (const key of written.streamKeys) expect(holds(dumped, key)).toBe(false);
        expect(holds(dumped, testMasterKeys.current.key)).toBe(false);
        const rows = await keyRows(client);
        expect(rows.every((row) => row.key === null)).toBe(true);
        expect(rows.filter((row) => !row.shredded).map((row) => row.master_key_id)).toEqual(Array(3).fill(testMasterKeys.current.id));
        // The erased customer's row is a tombstone: no key of any kind.
        expect(rows.find((row) => row.stream_id === written.erased)).toEqual({ stream_id: written.erased, key: null, wrapped: false, master_key_id: null, shredded: true });
      });

      it('opens the personal data with the master key, given again to another process', async () => {
        const again = new MasterKeys({ key: Buffer.from(testMasterKeys.current.key), origin: 'CRM_MASTER_KEY' });
        const { store, keys } = await openStore(client, again);
        expect(await names(store, written.ids)).toEqual(['Wang Fang 0', 'Wang Fang 1', 'Wang Fang 2', null]);
        for (const [i, id] of written.ids.slice(0, 3).entries()) expect(await keys.forReading(id)).toEqual(written.streamKeys[i]);
        await keys.close();
      });

      it('refuses to start with another master key, naming the ids it needs and has, instead of reading everyone as erased', async () => {
        const other = new MasterKeys({ key: newMasterKey(), origin: 'data/keys/master-key, made at this start' });
        const attempt = StreamKeys.open(client, other);
        await expect(attempt).rejects.toBeInstanceOf(UnknownMasterKeyError);
        await expect(attempt).rejects.toMatchObject({ masterKeyIds: [testMasterKeys.current.id] });
        await expect(attempt).rejects.toThrow(
          `3 stream keys in the database are wrapped under master key ${testMasterKeys.current.id}, which this process was not given; ` +
            `it has ${other.current.id} (data/keys/master-key, made at this start, current).`,
        );
        // Given as a previous key beside the other, it opens them.
        const both = new MasterKeys(other.current, [testMasterKeys.current]);
        await (await StreamKeys.open(client, both)).close();
      });

      it('refuses a new key in plain, and a tombstone that keeps a key', async () => {
        await expect(client.query(`insert into crm_stream_keys (stream_id, key) values ($1, $2)`, [streamName(), newStreamKey()])).rejects.toThrow(
          /crm_stream_keys_no_plain_key/,
        );
        await expect(client.query(`update crm_stream_keys set shredded_at = now() where stream_id = $1`, [written.ids[0]])).rejects.toThrow(
          /crm_stream_keys_tombstone_keyless/,
        );
        await expect(client.query(`update crm_stream_keys set master_key_id = null where stream_id = $1`, [written.ids[0]])).rejects.toThrow(
          /crm_stream_keys_wrapped_under_id/,
        );
      });

      it('fails loudly on a wrapped key altered in the database, or moved to another stream', async () => {
        const [a, b] = written.ids;
        await client.query(`update crm_stream_keys set wrapped_key = (select wrapped_key from crm_stream_keys where stream_id = $1) where stream_id = $2`, [a, b]);
        const { store } = await openStore(client, testMasterKeys);
        await expect(collect(store.readStream(b))).rejects.toThrow(`The key of stream ${b} does not open with master key ${testMasterKeys.current.id}`);
        expect((await collect(store.readStream(a)))[0].data.name).toBe('Wang Fang 0');
      });
    });

    it('rotates: every key rewrapped under the new master key, no event touched, and the old one can then be dropped', async () => {
      const client = await fresh();
      const [oldKey, newKey] = [newMasterKey(), newMasterKey()];
      const old = new MasterKeys({ key: oldKey, origin: 'CRM_MASTER_KEY' });
      const written = await writeCustomers(client, old, 7);
      const events = await eventsAsStored(client);

      const rotating = new MasterKeys({ key: newKey, origin: 'CRM_MASTER_KEY' }, [{ key: oldKey, origin: 'CRM_MASTER_KEY_PREVIOUS #1' }]);
      const { keys, store } = await openStore(client, rotating);
      // A new customer during the rotation gets a key under the new master key at once.
      const newcomer = streamName();
      await store.append(newcomer, [registration('Li Na')], 'no_stream');
      // Stopped after its first batch, a rotation says what is left; the next run finishes it.
      const stop = new AbortController();
      const first = await keys.rewrap({ batchSize: 4, signal: stop.signal, onProgress: ({ rewrapped }) => rewrapped > 0 && stop.abort() });
      expect(first).toEqual({ rewrapped: 4, left: { [old.current.id]: 2 } });
      const progress: { rewrapped: number; total: number }[] = [];
      expect(await keys.rewrap({ batchSize: 1, onProgress: (p) => progress.push(p) })).toEqual({ rewrapped: 2, left: {} });
      expect(progress).toEqual([0, 1, 2].map((rewrapped) => ({ rewrapped, total: 2 })));
      expect(await keys.rewrap()).toEqual({ rewrapped: 0, left: {} });

      const rows = await keyRows(client);
      expect(rows.filter((row) => !row.shredded).map((row) => row.master_key_id)).toEqual(Array(7).fill(rotating.current.id));
      expect(rows.find((row) => row.stream_id === written.erased)).toMatchObject({ wrapped: false, master_key_id: null, shredded: true });
      // Every event as it was (the newcomer's came after the snapshot).
      expect((await eventsAsStored(client)).slice(0, events.length)).toEqual(events);
      expect(await store.verify()).toMatchObject({ ok: true, broken: [] });
      await keys.close();

      // The old master key is no longer needed; alone, it no longer opens the database.
      const renewed = await openStore(client, new MasterKeys({ key: newKey, origin: 'CRM_MASTER_KEY' }));
      expect(await names(renewed.store, [...written.ids, newcomer])).toEqual([...Array.from({ length: 6 }, (_, i) => `Wang Fang ${i}`), null, 'Li Na']);
      for (const [i, id] of written.ids.slice(0, 6).entries()) expect(await renewed.keys.forReading(id)).toEqual(written.streamKeys[i]);
      await renewed.keys.close();
      await expect(StreamKeys.open(client, old)).rejects.toThrow(`7 stream keys in the database are wrapped under master key ${rotating.current.id}`);
      const dumped = await dump(client);
      for (const key of [...written.streamKeys, oldKey, newKey]) expect(holds(dumped, key)).toBe(false);
    });

    it('wraps the keys kept in plain from before at open, once, with two processes opening at once', async () => {
      const client = await fresh();
      const envelope = eventStoreMigrations.steps.findIndex((step) => step.includes('add column wrapped_key'));
      await migrate(client, { ...eventStoreMigrations, steps: eventStoreMigrations.steps.slice(0, envelope) });
      const plain = new Map(Array.from({ length: 5 }, () => [streamName(), newStreamKey()] as const));
      for (const [id, key] of plain) await client.query(`insert into crm_stream_keys (stream_id, key) values ($1, $2)`, [id, key]);
      const shredded = streamName();
      await client.query(`insert into crm_stream_keys (stream_id, key, shredded_at) values ($1, null, now())`, [shredded]);
      // Events sealed with those keys, as the store of before wrote them (its vault: the plain keys).
      const before: StreamKeyVault<SqlQueryable> = {
        forWriting: async (id) => plain.get(id)!,
        forReading: async (id) => plain.get(id) ?? null,
        known: (id) => plain.get(id),
        subjectErased: async () => false,
        shred: () => Promise.reject(new Error('no erasure here')),
        forget: () => undefined,
        close: async () => undefined,
      };
      const legacy = new CryptoShreddingEventStore(await SqlEventStore.open(client), before, testPersonalDataPolicy);
      const ids = [...plain.keys()];
      for (const [i, id] of ids.entries()) await legacy.append(id, [registration(`Wang Fang ${i}`), call], 'no_stream');
      expect(holds(await dump(client), plain.get(ids[0])!)).toBe(true);
      const events = await eventsAsStored(client);

      const opened = await Promise.all([StreamKeys.open(client, testMasterKeys, { batchSize: 2 }), StreamKeys.open(client, testMasterKeys, { batchSize: 1 })]);
      await Promise.all(opened.map((keys) => keys.close()));

      const rows = await keyRows(client);
      expect(rows.map((row) => row.key)).toEqual(Array(6).fill(null));
      expect(rows.filter((row) => row.stream_id !== shredded).map((row) => row.master_key_id)).toEqual(Array(5).fill(testMasterKeys.current.id));
      expect(rows.find((row) => row.stream_id === shredded)).toMatchObject({ wrapped: false, shredded: true });
      const dumped = await dump(client);
      for (const key of plain.values()) expect(holds(dumped, key)).toBe(false);
      const { store, keys } = await openStore(client, testMasterKeys);
      for (const [id, key] of plain) expect(await keys.forReading(id)).toEqual(key);
      expect(await names(store, ids)).toEqual(ids.map((_, i) => `Wang Fang ${i}`));
      expect(await eventsAsStored(client)).toEqual(events);
      expect(await store.verify()).toMatchObject({ ok: true, checked: 10 });
      // Erasure still shreds a key wrapped from plain.
      await store.append(ids[0], [erasure], 1);
      expect((await keyRows(client)).find((row) => row.stream_id === ids[0])).toMatchObject({ key: null, wrapped: false, master_key_id: null, shredded: true });
      await keys.close();
    });

    it('lists the wrapped keys in stream-id order a page at a time, and stores them as given in another database', async () => {
      const source = await fresh();
      const written = await writeCustomers(source, testMasterKeys, 5);
      const keys = await StreamKeys.open(source, testMasterKeys);
      const pages: WrappedStreamKey[][] = [];
      let after: string | undefined;
      do {
        const page = await keys.listWrapped({ after, limit: 2 });
        pages.push(page.keys);
        after = page.next ?? undefined;
      } while (after !== undefined);
      await keys.close();
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      const listed = pages.flat();
      const order = await source.query<{ stream_id: string }>(`select stream_id from crm_stream_keys order by stream_id`);
      expect(listed.map((key) => key.streamId)).toEqual(order.map((row) => row.stream_id));
      expect(listed.find((key) => key.streamId === written.erased)).toEqual({ streamId: written.erased, shredded: true, masterKeyId: null, wrappedKey: null });
      expect(listed.filter((key) => !key.shredded).every((key) => key.masterKeyId === testMasterKeys.current.id && key.wrappedKey?.length === 60)).toBe(true);

      const target = await fresh();
      await SqlEventStore.open(target);
      const imported = await StreamKeys.open(target, testMasterKeys);
      for (const page of pages) await imported.storeWrapped(page);
      await imported.storeWrapped(listed); // again: already stored the same
      const again = await imported.listWrapped({ limit: 100 });
      expect(again).toEqual({ keys: listed, next: null });
      for (const [i, id] of written.ids.slice(0, 4).entries()) expect(await imported.forReading(id)).toEqual(written.streamKeys[i]);
      expect(await imported.forReading(written.erased)).toBeNull();
      await expect(imported.forWriting(written.erased)).rejects.toBeInstanceOf(PersonalDataErasedError);

      // A batch with a conflicting row, a key under another master key or one moved to another stream stores nothing.
      const newcomer = streamName();
      const fine: WrappedStreamKey = { streamId: newcomer, shredded: false, ...rewrapped(testMasterKeys, newcomer) };
      const live = listed.find((key) => !key.shredded)!;
      const other = new MasterKeys({ key: newMasterKey(), origin: 'another master key' });
      for (const [bad, error] of [
        [{ ...live, ...rewrapped(testMasterKeys, live.streamId) }, StreamKeyConflictError],
        [{ streamId: live.streamId, shredded: true, masterKeyId: null, wrappedKey: null }, StreamKeyConflictError],
        [{ streamId: streamName(), shredded: false, ...rewrapped(other, 'x') }, UnknownMasterKeyError],
        [{ ...live, streamId: streamName() }, AlteredStreamKeyError],
      ] as const) {
        await expect(imported.storeWrapped([fine, bad as WrappedStreamKey])).rejects.toBeInstanceOf(error);
      }
      expect((await imported.listWrapped({ limit: 100 })).keys.map((key) => key.streamId)).not.toContain(newcomer);
      await imported.close();
    });
  });
}

/** A fresh key for the stream, wrapped as a row would hold it. */
function rewrapped(masterKeys: MasterKeys, streamId: string): { masterKeyId: string; wrappedKey: Buffer } {
  const { masterKeyId: id, wrapped } = masterKeys.wrap(streamId, newStreamKey());
  return { masterKeyId: id, wrappedKey: wrapped };
}
