import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WrongExpectedVersionError } from '../errors';
import { migrate } from '../sql/migrations';
import { eventStoreMigrations } from '../sql/schema';
import { pgErrorInfo, uniqueViolation, type SqlClient } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';
import { appendToStreamsParameters, appendToStreamsStatement } from '../sql/statements';
import { defaultAppendLimits, prepareEvents } from '../validation';
import { collect, positionsStrictlyIncrease, someEvent, streamName } from './contract-fixtures';
import { heldAppend, plainInsert, type OpenedSqlEventStore, type SqlEventStoreAdapter } from './sql-contract-fixtures';

/**
 * What a store built on `SqlEventStore` shows on top of the port contract
 * (DESIGN.md §3): other stores on the same database, group commit, the holes
 * positions have and the reader relies on (p + 1), tampering done in SQL, and
 * memory over a million rows written in bulk. Adapters with more than one
 * connection also pass `holeSafetyContract`.
 */
export function sqlEventStoreContract(adapter: SqlEventStoreAdapter): void {
  describe(`SQL event store contract: ${adapter.name}`, () => {
    let opened: OpenedSqlEventStore;
    beforeAll(async () => {
      opened = await adapter.open();
    });
    afterAll(async () => {
      await opened?.dispose();
    });
    const store = () => opened.store;

    describe('another store on the same database', () => {
      it('refuses an append from a writer that last saw an older head, after another writer moved the stream on', async () => {
        const id = streamName();
        // A second store over the same database: another process, which this store learns nothing from.
        const other = await opened.another();
        await store().append(id, [someEvent(0)], 'no_stream');
        await other.append(id, [someEvent(1)], 0);
        await expect(store().append(id, [someEvent(2)], 0)).rejects.toMatchObject({ name: 'WrongExpectedVersionError', expected: 0, actual: 1 });
        await expect(other.append(id, [someEvent(2)], 'no_stream')).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actual: 1 });
        expect((await store().append(id, [someEvent(3)], 1)).streamVersion).toBe(2);
        expect((await other.append(id, [someEvent(4)], 2)).streamVersion).toBe(3);
        expect((await other.append(id, [someEvent(5)], 3)).streamVersion).toBe(4);
        expect((await collect(store().readStream(id))).map((e) => e.data.n)).toEqual([0, 1, 3, 4, 5]);
        expect(await store().verify({ streamId: id })).toMatchObject({ ok: true, checked: 5 });
      });
    });

    describe('group commit', () => {
      it('writes 60 concurrent appends to different streams together, conflicts staying with their own stream', async () => {
        const streams = Array.from({ length: 60 }, () => streamName());
        await Promise.all(streams.map((id) => store().append(id, [someEvent(0)], 'no_stream')));
        const outcomes = await Promise.allSettled(streams.map((id, i) => store().append(id, [someEvent(1), someEvent(2)], i % 3 === 0 ? 5 : 0)));
        outcomes.forEach((outcome, i) => {
          if (i % 3 === 0) expect(outcome).toMatchObject({ status: 'rejected', reason: { name: 'WrongExpectedVersionError', actual: 0 } });
          else expect(outcome).toMatchObject({ status: 'fulfilled', value: { streamVersion: 2 } });
        });
        const versions = await Promise.all(streams.map((id) => store().streamVersion(id)));
        expect(versions).toEqual(streams.map((_, i) => (i % 3 === 0 ? 0 : 2)));
        // Together: the 40 appends that passed their check shared transactions.
        const [{ transactions }] = await opened.client.query<{ transactions: number }>(
          `select count(distinct tx_id::text)::integer as transactions from crm_events where stream_id = any($1::text[]) and stream_version > 0`,
          [streams],
        );
        expect(transactions).toBeLessThan(40);
        expect((await store().verify()).ok).toBe(true);
      });
    });

    describe('batches over the same streams', () => {
      // Two batches that lock the same streams in opposite orders would each wait
      // for the other. PGlite has a single connection, so its statements never
      // overlap and cannot deadlock: there this only shows the outcomes stay right.
      it('races two batches over the same two streams in opposite orders, 50 rounds: each stream goes to one, the other gets a conflict, never an error', async () => {
        const [a, b] = [streamName(), streamName()];
        await store().appendToStreams([a, b].map((streamId) => ({ streamId, events: [someEvent(0)], expectedVersion: 'no_stream' as const })));
        for (let round = 1; round <= 50; round++) {
          const batch = (streams: string[]) =>
            store().appendToStreams(
              streams.map((streamId) => ({ streamId, events: [someEvent(round), someEvent(round)], expectedVersion: 2 * round - 2 })),
            );
          const outcomes = await Promise.allSettled([batch([a, b]), batch([b, a])]);
          const results = outcomes.map((outcome) => {
            if (outcome.status === 'rejected') throw outcome.reason;
            return outcome.value;
          });
          for (const result of results.flat()) {
            if (result instanceof Error) expect(result).toBeInstanceOf(WrongExpectedVersionError);
          }
          // Each stream moved on by exactly one of the two batches.
          for (const streamId of [a, b]) {
            const won = results.flat().filter((r) => !(r instanceof Error) && r.streamId === streamId);
            expect(won).toHaveLength(1);
          }
        }
        expect([await store().streamVersion(a), await store().streamVersion(b)]).toEqual([100, 100]);
        expect((await store().verify({ streamId: a })).ok && (await store().verify({ streamId: b })).ok).toBe(true);
      });

      it('locks the streams of a batch in one order: its statement, run in opposite orders on two connections, waits and never deadlocks', async () => {
        // Straight to the statement: the store would retry a deadlock and hide it (after a second's wait).
        const [a, b] = [streamName(), streamName()];
        const [one, two] = opened.connect ? await Promise.all([opened.connect(), opened.connect()]) : [opened.client, opened.client];
        const failures: unknown[] = [];
        const batch = async (client: SqlClient, streams: string[]) => {
          const appends = streams.map((streamId) => ({ streamId, expected: null, events: prepareEvents([someEvent(), someEvent()], defaultAppendLimits) }));
          // The loser of the race on a version fails on the key; the store writes its appends again one by one.
          await client.query(appendToStreamsStatement, appendToStreamsParameters(appends)).catch((error) => {
            if (pgErrorInfo(error).code !== uniqueViolation) failures.push(error);
          });
        };
        for (let round = 0; round < 50; round++) await Promise.all([batch(one, [a, b]), batch(two, [b, a])]);
        expect(failures).toEqual([]);
      });

      it("answers a batch in the caller's order, not in the order its streams are written", async () => {
        // Named so that the caller's order is not the streams' sort order.
        const [z, a, m] = [streamName('zz'), streamName('aa'), streamName('mm')];
        await store().append(a, [someEvent(0)], 'no_stream');
        const results = await store().appendToStreams([
          { streamId: z, events: [someEvent(1), someEvent(2)], expectedVersion: 'no_stream' },
          { streamId: a, events: [someEvent(3)], expectedVersion: 'no_stream' },
          { streamId: m, events: [someEvent(4), someEvent(5), someEvent(6)], expectedVersion: 'any' },
        ]);
        expect(results[0]).toMatchObject({ streamId: z, streamVersion: 1 });
        expect(results[1]).toBeInstanceOf(WrongExpectedVersionError);
        expect(results[1]).toMatchObject({ streamId: a, actual: 0 });
        expect(results[2]).toMatchObject({ streamId: m, streamVersion: 2 });
        const written = [results[0], results[2]].flatMap((r) => (r instanceof Error ? [] : r.events));
        expect(written.map((e) => [e.streamId, e.data.n])).toEqual([[z, 1], [z, 2], [m, 4], [m, 5], [m, 6]]);
        expect(positionsStrictlyIncrease(written)).toBe(true);
        expect((await collect(store().readStream(m))).map((e) => e.data.n)).toEqual([4, 5, 6]);
      });
    });

    describe('rows inserted by plain SQL', () => {
      it('places a row inserted without position or tx_id in $all by the column defaults, between the appends around it', async () => {
        const before = await store().append(streamName(), [someEvent(1)], 'no_stream');
        const importStream = streamName('import');
        const imported = await plainInsert(opened.client, importStream);
        const after = await store().append(streamName(), [someEvent(2)], 'no_stream');
        const read = await collect(store().readAll({ from: before.events[0].position }));
        expect(read.map((e) => e.eventId)).toEqual([before.events[0].eventId, imported.eventId, after.events[0].eventId]);
        expect(read[1]).toMatchObject({ position: imported.position, streamId: importStream, streamVersion: 0, type: 'Imported' });
        expect(positionsStrictlyIncrease(read)).toBe(true);
        expect((await store().verify({ streamId: importStream })).ok).toBe(true);
      });

      it('gives a database migrated by the earlier steps the defaults that take the transaction id first', async () => {
        const client = opened.connect ? await opened.connect() : opened.client;
        // A schema of its own stands for a database that ran only the steps released before these defaults.
        const schema = `crm_earlier_${randomUUID().replace(/-/g, '')}`;
        await client.exec(`create schema ${schema}; set search_path to ${schema}`);
        const defaults = async () =>
          (
            await client.query<{ column_default: string | null }>(
              `select column_default from information_schema.columns
               where table_schema = $1 and table_name = 'crm_events' and column_name in ('position', 'tx_id') order by column_name`,
              [schema],
            )
          ).map((column) => column.column_default);
        try {
          await migrate(client, { ...eventStoreMigrations, steps: eventStoreMigrations.steps.slice(0, 2) });
          expect(await defaults()).toEqual([`nextval('crm_events_position_seq'::regclass)`, null]);
          const upgraded = await SqlEventStore.open(client);
          expect(await defaults()).toEqual(['crm_next_position()', 'pg_current_xact_id()']);
          const imported = await plainInsert(client, streamName('import'));
          expect((await collect(upgraded.readAll())).map((e) => e.eventId)).toEqual([imported.eventId]);
        } finally {
          await client.exec(`set search_path to default; drop schema ${schema} cascade`);
        }
      });
    });

    describe('$all', () => {
      it('passes over the hole a rolled-back append leaves, without waiting for ever', async () => {
        const id = streamName();
        const held = await heldAppend(opened.connect ? await opened.connect() : opened.client, id);
        await held.rollback();
        const after = await store().append(id, [someEvent(1)], 'no_stream');
        const read = await collect(store().readAll({ from: after.events[0].position - 1 }));
        expect(read.map((e) => e.eventId)).toEqual([after.events[0].eventId]);
      });
    });

    describe('memory', () => {
      it('streams 1,000,000 events from a stream and from $all with flat heap', async () => {
        const big = await adapter.open();
        try {
          const id = streamName('big');
          // Written in bulk by SQL: this test is about reading, not appending.
          await big.client.query(
            `insert into crm_events (tx_id, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
             select pg_current_xact_id(), gen_random_uuid(), $1, g, 'InteractionRecorded', 1,
                    jsonb_build_object('n', g, 'summary', 'visited the store manager about the spring order'),
                    '{"actor":"bulk"}', now(), now(), '\\x'
             from generate_series(0, 999999) g`,
            [id],
          );
          setFlagsFromString('--expose-gc');
          const gc = runInNewContext('gc') as () => void;
          const measure = async (events: AsyncIterable<{ streamVersion: number }>) => {
            gc();
            const baseline = process.memoryUsage().heapUsed;
            let peak = 0;
            let count = 0;
            let ordered = true;
            for await (const event of events) {
              ordered &&= event.streamVersion === count;
              count++;
              if (count % 100_000 === 0) {
                gc();
                peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
              }
            }
            return { count, ordered, peak };
          };
          const fromStream = await measure(big.store.readStream(id));
          const fromAll = await measure(big.store.readAll());
          // Loaded whole, a million events take several hundred MB of heap.
          for (const result of [fromStream, fromAll]) {
            expect(result.count).toBe(1_000_000);
            expect(result.ordered).toBe(true);
            expect(result.peak).toBeLessThan(32 * 1024 * 1024);
          }
        } finally {
          await big.dispose();
        }
      }, 600_000);
    });

    describe('tamper evidence', () => {
      it('reports exactly the row altered in SQL, and the link after a row deleted in SQL', async () => {
        const own = await adapter.open();
        try {
          const ids = [streamName(), streamName(), streamName()];
          for (const id of ids) {
            await own.store.append(id, [someEvent(0), someEvent(1)], 'no_stream');
            await own.store.append(id, [someEvent(2), someEvent(3), someEvent(4)], 1);
          }
          await own.client.query(
            `update crm_events set data = jsonb_set(data, '{summary}', '"a call that never happened"')
             where stream_id = $1 and stream_version = 3`,
            [ids[1]],
          );
          const result = await own.store.verify();
          expect(result.ok).toBe(false);
          expect(result.checked).toBe(15);
          expect(result.broken).toHaveLength(1);
          expect(result.broken[0]).toMatchObject({ streamId: ids[1], version: 3 });
          expect(result.broken[0].expected).not.toEqual(result.broken[0].found);
          expect(result.broken[0].found).toMatch(/^[0-9a-f]{64}$/);
          expect((await own.store.verify({ streamId: ids[0] })).ok).toBe(true);

          await own.client.query(`delete from crm_events where stream_id = $1 and stream_version = 1`, [ids[2]]);
          const afterDeletion = await own.store.verify({ streamId: ids[2] });
          expect(afterDeletion).toMatchObject({ ok: false, checked: 4, broken: [{ streamId: ids[2], version: 2 }] });
        } finally {
          await own.dispose();
        }
      });
    });
  });
}
