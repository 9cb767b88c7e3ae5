import { randomUUID } from 'node:crypto';
import { InvalidEventError, PersonalDataErasedError, WrongExpectedVersionError } from '../errors';
import type { EventStore, JsonObject, RecordedEvent } from '../event-store';
import { CryptoShreddingEventStore, type CryptoShreddingOptions, type PersonalDataPolicy } from '../personal-data/crypto-shredding-event-store';
import { MasterKeys, newMasterKey } from '../personal-data/master-keys';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';
import { chainLink, storedFormOf } from '../chain/chain-link';
import { collect, streamName } from './contract-fixtures';

const personalFields: Record<string, readonly string[]> = {
  CustomerRegistered: ['name'],
  InteractionRecorded: ['summary', 'outcome'],
  ContactAdded: ['name', 'phone', 'note'],
};

const contactOf = (data: JsonObject) => (typeof data.contactId === 'string' ? `contact:${data.contactId}` : undefined);

/**
 * Names, free text: personal. Ratings: not. A contact's name and phone are the contact's own (a
 * note on a contact is the customer's). `CustomerErased` erases the stream, `ContactErased` the contact.
 */
export const testPersonalDataPolicy: PersonalDataPolicy = {
  personalFields: (type) => (Object.hasOwn(personalFields, type) ? personalFields[type] : []),
  subjectOf: (type, data) => {
    const subject = type === 'ContactAdded' ? contactOf(data) : undefined;
    return subject === undefined ? undefined : { subject, fields: ['name', 'phone'] };
  },
  erases: (type) => type === 'CustomerErased',
  erasesSubject: (type, data) => (type === 'ContactErased' ? contactOf(data) : undefined),
};

/** As the store was before data subjects had keys of their own: a contact's fields sealed under the stream's key. */
const policyWithoutSubjects: PersonalDataPolicy = { ...testPersonalDataPolicy, subjectOf: () => undefined, erasesSubject: () => undefined };

/** A crypto-shredding store over a fresh database, and the means to open more on it. */
export interface ShreddingFixture {
  store: CryptoShreddingEventStore<SqlQueryable>;
  client: SqlClient;
  /** Another store on the same database, as another process would have one (own key cache). */
  another(options?: CryptoShreddingOptions<SqlQueryable>): Promise<CryptoShreddingEventStore<SqlQueryable>>;
  /** A store as it was before data subjects had keys: it seals their fields under the stream's key (v1). */
  before(): Promise<CryptoShreddingEventStore<SqlQueryable>>;
  dispose(): Promise<void>;
}

/** The master key of the stores a test file opens: one per file (module), random, so no test leans on its bytes. */
export const testMasterKeys = new MasterKeys({ key: newMasterKey(), origin: 'the test master key' });

export async function shreddingOver(client: SqlClient, close: () => Promise<void>): Promise<ShreddingFixture> {
  const open = async (options?: CryptoShreddingOptions<SqlQueryable>, policy = testPersonalDataPolicy) =>
    CryptoShreddingEventStore.open(await SqlEventStore.open(client), testMasterKeys, policy, options);
  const store = await open();
  return { store, client, another: open, before: () => open({}, policyWithoutSubjects), dispose: close };
}

const registration = { type: 'CustomerRegistered', data: { name: 'Wang Fang', kind: 'person', region: 'Hangzhou' } };
const call = { type: 'InteractionRecorded', data: { channel: 'call', summary: 'Asked after her daughter Lili', n: 1 } };
const erasure = { type: 'CustomerErased', data: { basis: 'data-subject-request' } };
const contact = (contactId: string, name: string) => ({ type: 'ContactAdded', data: { contactId, name, phone: `138-${name}`, note: `Met ${name} at the fair`, level: 'staff' } });
const contactErasure = (contactId: string) => ({ type: 'ContactErased', data: { contactId, basis: 'data-subject-request' } });

async function expectErased(append: Promise<unknown>, subject: string | undefined): Promise<void> {
  const refusal = await append.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refusal).toBeInstanceOf(PersonalDataErasedError);
  expect((refusal as PersonalDataErasedError).subject).toBe(subject);
}

async function keyRows(client: SqlClient, streamId: string): Promise<{ name: string; live: boolean }[]> {
  return client.query(
    `select replace(stream_id, chr(31), '/') as name, wrapped_key is not null as live from crm_stream_keys
      where stream_id = $1 or starts_with(stream_id, $1 || chr(31)) order by stream_id`,
    [streamId],
  );
}

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

    it('opens the pages of a subscription, each read and opened while the one before is worked on: all of them, in order, then live', async () => {
      const id = streamName();
      const { events } = await store().append(id, [registration, call, call], 'no_stream');
      const signal = new AbortController();
      const pages: RecordedEvent[][] = [];
      let late: RecordedEvent | undefined;
      for await (const page of fixture.store.subscribePages({ from: events[0].position, streamId: id, pageSize: 2, signal: signal.signal, idlePollMs: 2 })) {
        pages.push([...page]);
        if (pages.flat().length === 3) [late] = (await store().append(id, [call], 2)).events;
        if (pages.flat().length === 4) signal.abort();
      }
      expect(pages.map((page) => page.length)).toEqual([2, 1, 1]);
      expect(pages.flat()).toEqual([...events, late]);
      expect(pages.flat()[0].data).toEqual(registration.data);
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

    describe("a data subject's own personal data (a contact person's)", () => {
      it("is sealed under the subject's own key, in a part of its own beside the stream's", async () => {
        const id = streamName();
        const { events } = await store().append(id, [registration, contact('ct-1', 'Li Na'), contact('ct-2', 'Zhao Lei')], 'no_stream');
        expect(events[1].data).toEqual(contact('ct-1', 'Li Na').data);
        expect(await collect(store().readStream(id))).toEqual(events);
        const stored = await storedText(fixture.client, id);
        for (const text of ['Li Na', 'Zhao Lei', '138-', 'at the fair']) expect(stored).not.toContain(text);
        const [row] = await fixture.client.query<{ sealed: { v: number; parts: { subject?: string; fields: string[] }[] } }>(
          `select metadata->'personalData' as sealed from crm_events where stream_id = $1 and stream_version = 1`,
          [id],
        );
        expect(row.sealed).toMatchObject({ v: 2, parts: [{ fields: ['note'] }, { subject: 'contact:ct-1', fields: ['name', 'phone'] }] });
        expect(row.sealed.parts[0]).not.toHaveProperty('subject');
        expect(await keyRows(fixture.client, id)).toEqual([
          { name: id, live: true },
          { name: `${id}/contact:ct-1`, live: true },
          { name: `${id}/contact:ct-2`, live: true },
        ]);
      });

      it("is shredded alone by the subject's erasure: their fields read null, named in metadata.erased; the stream's key opens the rest", async () => {
        const id = streamName();
        await store().append(id, [registration, contact('ct-1', 'Li Na'), contact('ct-2', 'Zhao Lei')], 'no_stream');
        const erased = await store().append(id, [contactErasure('ct-1')], 2);
        expect(erased.events[0].data).toEqual(contactErasure('ct-1').data);
        const read = await collect(store().readStream(id));
        expect(read.map((e) => e.data)).toEqual([
          registration.data,
          { ...contact('ct-1', 'Li Na').data, name: null, phone: null },
          contact('ct-2', 'Zhao Lei').data,
          contactErasure('ct-1').data,
        ]);
        expect(read.map((e) => e.metadata.erased)).toEqual([undefined, ['name', 'phone'], undefined, undefined]);
        expect(await keyRows(fixture.client, id)).toEqual([
          { name: id, live: true },
          { name: `${id}/contact:ct-1`, live: false },
          { name: `${id}/contact:ct-2`, live: true },
        ]);
        expect(await store().verify({ streamId: id })).toMatchObject({ ok: true, checked: 4 });
      });

      it("refuses the subject's personal data once erased, and only theirs", async () => {
        const id = streamName();
        await store().append(id, [contact('ct-1', 'Li Na'), contactErasure('ct-1')], 'no_stream');
        for (const writer of [store(), await fixture.another()]) {
          await expectErased(writer.append(id, [contact('ct-1', 'Li Na')], 'any'), 'contact:ct-1');
        }
        expect((await store().append(id, [call, contact('ct-2', 'Zhao Lei')], 1)).streamVersion).toBe(3);
      });

      it("goes with the stream's key when the customer is erased: every key of the stream shredded", async () => {
        const id = streamName();
        await store().append(id, [registration, contact('ct-1', 'Li Na'), contact('ct-2', 'Zhao Lei')], 'no_stream');
        await store().append(id, [contactErasure('ct-1')], 2);
        const other = await fixture.another();
        expect((await collect(other.readStream(id)))[2].data.name).toBe('Zhao Lei'); // the other now keeps the keys
        await store().append(id, [erasure], 3);
        expect(await keyRows(fixture.client, id)).toEqual([
          { name: id, live: false },
          { name: `${id}/contact:ct-1`, live: false },
          { name: `${id}/contact:ct-2`, live: false },
        ]);
        for (const reader of [store(), other]) {
          const read = await eventually(() => collect(reader.readStream(id)), (events) => events[2].data.name === null);
          expect(read.map((e) => e.metadata.erased)).toEqual([['name'], ['note', 'name', 'phone'], ['note', 'name', 'phone'], undefined, undefined]);
        }
        await expectErased(store().append(id, [contact('ct-3', 'Wu Di')], 4), undefined);
        expect(await keyRows(fixture.client, id)).toHaveLength(3);
        expect(await store().verify({ streamId: id })).toMatchObject({ ok: true, checked: 5 });
      });

      it("makes no subject's key while the customer's erasure shreds the stream's, nor after", async () => {
        const id = streamName();
        await store().append(id, [registration], 'no_stream');
        const other = await fixture.another();
        await collect(other.readStream(id)); // the other now keeps the stream's key as live
        let attempt: Promise<void> | undefined;
        await fixture.client.transaction(async (tx) => {
          // A shredding under way, its notice not sent: the other's first key for a contact meets it in the database.
          await tx.query(`update crm_stream_keys set wrapped_key = null, master_key_id = null, shredded_at = now() where stream_id = $1`, [id]);
          attempt = expectErased(other.append(id, [contact('ct-1', 'Li Na')], 0), undefined);
          await new Promise((resolve) => setTimeout(resolve, 50));
        });
        await attempt;
        expect(await keyRows(fixture.client, id)).toEqual([{ name: id, live: false }]);
      });

      it('tells every other store on the database at once', async () => {
        const id = streamName();
        const other = await fixture.another();
        await store().append(id, [contact('ct-1', 'Li Na')], 'no_stream');
        expect((await collect(other.readStream(id)))[0].data.name).toBe('Li Na');
        await store().append(id, [contactErasure('ct-1')], 0);
        const read = await eventually(() => collect(other.readStream(id)), (events) => events[0].data.name === null);
        expect(read[0].data).toMatchObject({ name: null, phone: null, note: 'Met Li Na at the fair' });
      });

      it('binds a sealed part to its subject: moved to another subject\'s event, it does not open', async () => {
        const id = streamName();
        await store().append(id, [contact('ct-1', 'Li Na'), contact('ct-2', 'Zhao Lei')], 'no_stream');
        await fixture.client.query(
          `update crm_events set metadata = (select metadata from crm_events where stream_id = $1 and stream_version = 0)
           where stream_id = $1 and stream_version = 1`,
          [id],
        );
        await expect(collect(store().readStream(id))).rejects.toThrow(/does not open/);
      });

      it('wants the subject\'s erasure alone in appends to several streams', async () => {
        const id = streamName();
        await store().append(id, [contact('ct-1', 'Li Na')], 'no_stream');
        await expect(store().appendToStreams([{ streamId: id, events: [contactErasure('ct-1')], expectedVersion: 0 }])).rejects.toMatchObject({
          path: 'requests[0].events[0]',
        });
      });

      it('in events sealed before subjects had keys (v1, under the stream key), reads as erased once the subject is', async () => {
        const id = streamName();
        const before = await fixture.before();
        await before.append(id, [registration, contact('ct-1', 'Li Na'), contact('ct-2', 'Zhao Lei')], 'no_stream');
        const [row] = await fixture.client.query<{ v: number }>(`select (metadata->'personalData'->>'v')::int as v from crm_events where stream_id = $1 and stream_version = 1`, [id]);
        expect(row.v).toBe(1);
        const other = await fixture.another();
        expect((await collect(other.readStream(id)))[1].data.name).toBe('Li Na'); // the other now knows ct-1 as not erased
        await store().append(id, [contactErasure('ct-1')], 2);
        // No key of the subject was made: the erasure leaves a tombstone, which tells readers.
        expect(await keyRows(fixture.client, id)).toEqual([{ name: id, live: true }, { name: `${id}/contact:ct-1`, live: false }]);
        for (const reader of [store(), other, await fixture.another()]) {
          const read = await eventually(() => collect(reader.readStream(id)), (events) => events[1].data.name === null);
          expect(read.map((e) => e.data)).toEqual([
            registration.data,
            { ...contact('ct-1', 'Li Na').data, name: null, phone: null },
            contact('ct-2', 'Zhao Lei').data,
            contactErasure('ct-1').data,
          ]);
          expect(read[1].metadata.erased).toEqual(['name', 'phone']);
          const chained = await collect((reader as CryptoShreddingEventStore<SqlQueryable>).readStreamChained(id));
          expect(chained[1].data).toMatchObject({ name: null, phone: null });
          for (const event of chained) expect(chainLink(event.previousHash, storedFormOf(event))).toBe(event.hash);
        }
        // The caveat: the stream's key still opens the ciphertext, as a reader that does not know of subjects shows.
        expect((await collect(before.readStream(id)))[1].data.name).toBe('Li Na');
        // The customer's erasure shreds the stream's key, and with it those fields for good.
        await store().append(id, [erasure], 3);
        expect((await eventually(() => collect(before.readStream(id)), (events) => events[1].data.name === null))[1].data.name).toBeNull();
      });
    });
  });
}
