import { randomUUID } from 'node:crypto';
import { EventIdConflictError, EventTooLargeError, InvalidEventError, WrongExpectedVersionError } from '../errors';
import type { NewEvent } from '../event-store';
import { collect, follow, positionsStrictlyIncrease, someEvent, streamName, type EventStoreAdapter, type OpenedEventStore } from './contract-fixtures';

/**
 * The behaviour every event-store adapter must show (DESIGN.md §3), through
 * the port alone: a store that is not SQL (KurrentDB) passes it as written.
 * Positions are promised in order and each event once, not dense.
 */
export function eventStorePortContract(adapter: EventStoreAdapter): void {
  describe(`event store port contract: ${adapter.name}`, () => {
    let opened: OpenedEventStore;
    beforeAll(async () => {
      opened = await adapter.open();
    });
    afterAll(async () => {
      await opened?.dispose();
    });
    const store = () => opened.store;

    describe('append with an expected version', () => {
      it('accepts no_stream, then exact versions, then any; versions are 0-based and gap-free', async () => {
        const id = streamName();
        const first = await store().append(id, [someEvent(0), someEvent(1)], 'no_stream');
        expect(first.streamVersion).toBe(1);
        expect(first.events.map((e) => e.streamVersion)).toEqual([0, 1]);
        const second = await store().append(id, [someEvent(2)], 1);
        expect(second.streamVersion).toBe(2);
        const third = await store().append(id, [someEvent(3)], 'any');
        expect(third.streamVersion).toBe(3);
        const read = await collect(store().readStream(id));
        expect(read.map((e) => e.streamVersion)).toEqual([0, 1, 2, 3]);
        expect(read.map((e) => e.data.n)).toEqual([0, 1, 2, 3]);
        expect(positionsStrictlyIncrease(read)).toBe(true);
        expect(await store().streamVersion(id)).toBe(3);
      });

      it('returns the envelope: ids, metadata, business and server time', async () => {
        const id = streamName();
        const eventId = randomUUID();
        const occurredAt = '2024-03-01T08:00:00.000Z';
        const { events } = await store().append(
          id,
          [{ eventId, type: 'CustomerRegistered', schemaVersion: 2, data: { name: 'Acme' }, metadata: { actor: 'am-7', correlationId: 'c-1', occurredAt } }],
          'no_stream',
        );
        const [read] = await collect(store().readStream(id));
        expect(read).toEqual(events[0]);
        expect(read).toMatchObject({
          eventId,
          streamId: id,
          streamVersion: 0,
          type: 'CustomerRegistered',
          schemaVersion: 2,
          data: { name: 'Acme' },
          metadata: { actor: 'am-7', correlationId: 'c-1', occurredAt },
        });
        expect(Date.parse(read.recordedAt)).toBeGreaterThan(Date.parse(occurredAt));
      });

      it('refuses a mismatch with a typed conflict and writes nothing', async () => {
        const id = streamName();
        await expect(store().append(id, [someEvent()], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await store().append(id, [someEvent()], 'no_stream');
        await expect(store().append(id, [someEvent()], 'no_stream')).rejects.toMatchObject({
          name: 'WrongExpectedVersionError',
          streamId: id,
          expected: 'no_stream',
          actual: 0,
        });
        await expect(store().append(id, [someEvent()], 5)).rejects.toMatchObject({ expected: 5, actual: 0 });
        expect(await store().streamVersion(id)).toBe(0);
      });

      it.each([1, 2])('lets exactly one of 50 concurrent appends (%i events each) at the same expected version win; the stream has no gap', async (size) => {
        const id = streamName();
        await store().append(id, [someEvent()], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => store().append(id, Array.from({ length: size }, () => someEvent(i)), 0)),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
        const read = await collect(store().readStream(id));
        expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: size + 1 }, (_, v) => v));
      });

      it('serialises 30 concurrent appends with `any` into one gap-free stream', async () => {
        const id = streamName();
        await Promise.all(Array.from({ length: 30 }, (_, i) => store().append(id, [someEvent(i)], 'any')));
        const read = await collect(store().readStream(id));
        expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: 30 }, (_, i) => i));
        expect(new Set(read.map((e) => e.data.n)).size).toBe(30);
      });
    });

    describe('appending to several streams at once', () => {
      it('checks each stream on its own: a conflict on one takes nothing else down', async () => {
        const [a, b, c] = [streamName(), streamName(), streamName()];
        await store().append(b, [someEvent(0)], 'no_stream');
        const results = await store().appendToStreams([
          { streamId: a, events: [someEvent(1), someEvent(2)], expectedVersion: 'no_stream' },
          { streamId: b, events: [someEvent(3)], expectedVersion: 'no_stream' },
          { streamId: c, events: [someEvent(4)], expectedVersion: 'any' },
        ]);
        expect(results[0]).toMatchObject({ streamId: a, streamVersion: 1 });
        expect(results[1]).toBeInstanceOf(WrongExpectedVersionError);
        expect(results[1]).toMatchObject({ streamId: b, actual: 0 });
        expect(results[2]).toMatchObject({ streamId: c, streamVersion: 0 });
        expect((await collect(store().readStream(a))).map((e) => e.data.n)).toEqual([1, 2]);
        expect((await collect(store().readStream(b))).map((e) => e.data.n)).toEqual([0]);
        const verified = await Promise.all([a, b, c].map((streamId) => store().verify({ streamId })));
        expect(verified.every((v) => v.ok)).toBe(true);
        const written = (results as { events: { position: number }[] }[]).filter((r) => 'events' in r).flatMap((r) => r.events);
        expect(positionsStrictlyIncrease(written as never)).toBe(true);
      });

      it('answers a retried batch with the stored results, and refuses a stream named twice', async () => {
        const a = streamName();
        const request = { streamId: a, events: [someEvent(1, { eventId: randomUUID() })], expectedVersion: 'no_stream' as const };
        const [first] = await store().appendToStreams([request]);
        const [again] = await store().appendToStreams([request]);
        expect(again).toEqual(first);
        await expect(store().appendToStreams([request, { ...request, events: [someEvent(2)] }])).rejects.toMatchObject({ path: 'requests[1].streamId' });
        expect(await store().appendToStreams([])).toEqual([]);
      });

      it('stays gap-free when other writers race on the same streams', async () => {
        const a = streamName();
        const b = streamName();
        const outcomes = await Promise.all([
          store().appendToStreams([
            { streamId: a, events: [someEvent(1)], expectedVersion: 'any' },
            { streamId: b, events: [someEvent(2)], expectedVersion: 'any' },
          ]),
          ...Array.from({ length: 10 }, (_, i) => store().append(a, [someEvent(10 + i)], 'any')),
        ]);
        expect(outcomes[0].every((r) => !(r instanceof Error))).toBe(true);
        expect((await collect(store().readStream(a))).map((e) => e.streamVersion)).toEqual(Array.from({ length: 11 }, (_, i) => i));
        expect(await store().streamVersion(b)).toBe(0);
      });
    });

    describe('idempotent re-append', () => {
      it('answers a retried append with the stored result and stores nothing twice', async () => {
        const id = streamName();
        const batch: NewEvent[] = [someEvent(1, { eventId: randomUUID() }), someEvent(2, { eventId: randomUUID() })];
        const first = await store().append(id, batch, 'no_stream');
        const retried = await store().append(id, batch, 'no_stream');
        expect(retried).toEqual(first);
        const retriedAny = await store().append(id, batch, 'any');
        expect(retriedAny.events).toEqual(first.events);
        expect(await collect(store().readStream(id))).toHaveLength(2);
      });

      it('answers the stored result even after the stream moved on', async () => {
        const id = streamName();
        const batch = [someEvent(1, { eventId: randomUUID() })];
        const first = await store().append(id, batch, 'no_stream');
        await store().append(id, [someEvent(2)], 0);
        const retried = await store().append(id, batch, 'no_stream');
        expect(retried.events).toEqual(first.events);
        expect(retried.streamVersion).toBe(1);
        expect(await store().streamVersion(id)).toBe(1);
      });

      it('refuses stored ids reused in another stream or another batch', async () => {
        const id = streamName();
        const eventId = randomUUID();
        await store().append(id, [someEvent(1, { eventId })], 'no_stream');
        await expect(store().append(streamName(), [someEvent(1, { eventId })], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(store().append(id, [someEvent(1, { eventId }), someEvent(2)], 'any')).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        expect(await store().streamVersion(id)).toBe(0);
      });
    });

    describe('reading a stream', () => {
      it('reads from a version, up to a version, as of a business instant and as known at a recording instant', async () => {
        const id = streamName();
        const days = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'];
        await store().append(id, days.slice(0, 2).map((d, n) => someEvent(n, { metadata: { occurredAt: `${d}T00:00:00Z` } })), 'no_stream');
        const firstKnown = (await collect(store().readStream(id)))[1].recordedAt;
        await new Promise((r) => setTimeout(r, 5));
        await store().append(id, days.slice(2).map((d, n) => someEvent(n + 2, { metadata: { occurredAt: `${d}T00:00:00Z` } })), 1);

        const versions = async (opts: Parameters<ReturnType<typeof store>['readStream']>[1]) =>
          (await collect(store().readStream(id, opts))).map((e) => e.streamVersion);
        expect(await versions({ fromVersion: 2 })).toEqual([2, 3]);
        expect(await versions({ toVersion: 1 })).toEqual([0, 1]);
        expect(await versions({ fromVersion: 1, toVersion: 2 })).toEqual([1, 2]);
        expect(await versions({ asOf: '2024-02-15T00:00:00Z' })).toEqual([0, 1]);
        expect(await versions({ asOf: new Date('2024-03-01T00:00:00Z') })).toEqual([0, 1, 2]);
        expect(await versions({ knownAt: firstKnown })).toEqual([0, 1]);
        expect(await versions({ knownAt: new Date(Date.parse(firstKnown) - 1) })).toEqual([]);
        expect(await versions({})).toEqual([0, 1, 2, 3]);
        expect(await collect(store().readStream(streamName()))).toEqual([]);
        expect(await store().streamVersion(streamName())).toBe(-1);
      });

      it('pages through a stream longer than one page', async () => {
        const id = streamName();
        for (let i = 0; i < 5; i++) {
          await store().append(id, Array.from({ length: 500 }, (_, j) => someEvent(i * 500 + j)), i === 0 ? 'no_stream' : i * 500 - 1);
        }
        const read = await collect(store().readStream(id));
        expect(read.map((e) => e.data.n)).toEqual(Array.from({ length: 2500 }, (_, n) => n));
      });
    });

    describe('$all', () => {
      it('reads every event once in position order, from an inclusive position, filtered by type or stream', async () => {
        const a = streamName();
        const b = streamName();
        await store().append(a, [someEvent(1), { type: 'ComplaintFiled', data: { n: 2 } }], 'no_stream');
        await store().append(b, [{ type: 'ComplaintFiled', data: { n: 3 } }], 'no_stream');
        const all = await collect(store().readAll());
        expect(positionsStrictlyIncrease(all)).toBe(true);
        const mine = all.filter((e) => e.streamId === a || e.streamId === b);
        expect(mine.map((e) => e.data.n)).toEqual([1, 2, 3]);
        const from = mine[1].position;
        const fromOn = await collect(store().readAll({ from }));
        expect(fromOn[0].position).toBe(from);
        const complaints = await collect(store().readAll({ from: mine[0].position, types: ['ComplaintFiled'] }));
        expect(complaints.map((e) => e.data.n)).toEqual([2, 3]);
        const onlyB = await collect(store().readAll({ streamId: b }));
        expect(onlyB.map((e) => e.data.n)).toEqual([3]);
        const upTo = await collect(store().readAll({ from: mine[0].position, to: mine[1].position }));
        expect(upTo.map((e) => e.data.n)).toEqual([1, 2]);
      });

      it('delivers to a live subscriber every event exactly once, in strictly increasing position, under many writers', async () => {
        const subscriber = follow(store());
        const streams = Array.from({ length: 20 }, () => streamName('load'));
        const written = new Set<string>();
        await Promise.all(
          Array.from({ length: 8 }, async (_, writer) => {
            for (let i = 0; i < 40; i++) {
              const id = streams[(writer * 7 + i) % streams.length];
              // Shared streams and a stale expected version make some appends fail (in SQL, after drawing positions: holes).
              const expected = i % 5 === 0 ? 0 : 'any';
              try {
                const result = await store().append(id, [someEvent(i), someEvent(i)], expected);
                for (const e of result.events) written.add(e.eventId);
              } catch (error) {
                if (!(error instanceof WrongExpectedVersionError)) throw error;
              }
            }
          }),
        );
        await subscriber.until((seen) => seen.filter((e) => written.has(e.eventId)).length === written.size);
        await subscriber.stop();
        expect(positionsStrictlyIncrease(subscriber.seen)).toBe(true);
        expect(new Set(subscriber.seen.map((e) => e.eventId)).size).toBe(subscriber.seen.length);
        const ours = subscriber.seen.filter((e) => written.has(e.eventId));
        expect(ours).toHaveLength(written.size);
      });
    });

    describe('tamper evidence', () => {
      it('verifies an untouched store: every event checked, in every stream or in one, none broken', async () => {
        const own = await adapter.open();
        try {
          const ids = [streamName(), streamName(), streamName()];
          for (const id of ids) {
            await own.store.append(id, [someEvent(0), someEvent(1)], 'no_stream');
            await own.store.append(id, [someEvent(2), someEvent(3), someEvent(4)], 1);
          }
          expect(await own.store.verify()).toEqual({ ok: true, checked: 15, broken: [] });
          expect(await own.store.verify({ streamId: ids[0] })).toEqual({ ok: true, checked: 5, broken: [] });
        } finally {
          await own.dispose();
        }
      });
    });

    describe('bad input', () => {
      const refused = async (streamId: string, events: unknown, error: unknown, path?: string) => {
        const before = await collect(store().readAll());
        const attempt = store().append(streamId, events as NewEvent[], 'any');
        await expect(attempt).rejects.toBeInstanceOf(error as new () => Error);
        if (path) await expect(attempt).rejects.toMatchObject({ path });
        expect(await collect(store().readAll())).toHaveLength(before.length);
      };

      it('refuses an empty stream id', async () => {
        await refused('', [someEvent()], InvalidEventError, 'streamId');
        await refused('   ', [someEvent()], InvalidEventError, 'streamId');
      });

      it('refuses an empty event list', async () => {
        await refused(streamName(), [], InvalidEventError, 'events');
      });

      it('refuses data that is not JSON, naming the field', async () => {
        const id = streamName();
        await refused(id, [someEvent(), { type: 'X', data: { amount: 10n } }], InvalidEventError, 'events[1].data.amount');
        await refused(id, [{ type: 'X', data: { at: new Date() } }], InvalidEventError, 'events[0].data.at');
        await refused(id, [{ type: 'X', data: { f: () => 1 } }], InvalidEventError, 'events[0].data.f');
        await refused(id, [{ type: 'X', data: { n: Number.NaN } }], InvalidEventError, 'events[0].data.n');
        await refused(id, [{ type: 'X', data: { s: 'a\u0000b' } }], InvalidEventError, 'events[0].data.s');
        await refused(id, [{ type: 'X', data: { list: [1, undefined] } }], InvalidEventError, 'events[0].data.list[1]');
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        await refused(id, [{ type: 'X', data: cyclic }], InvalidEventError);
        await refused(id, [{ type: '', data: {} }], InvalidEventError, 'events[0].type');
        await refused(id, [{ type: 'X', data: {}, eventId: 'not-a-uuid' }], InvalidEventError, 'events[0].eventId');
        await refused(id, [{ type: 'X', data: {}, metadata: { occurredAt: 'yesterday' } }], InvalidEventError, 'events[0].metadata.occurredAt');
        // JavaScript's Date.parse would roll these over into the next month or day, storing another instant.
        for (const occurredAt of ['2026-02-30T00:00:00Z', '2025-02-29T10:00:00Z', '2026-04-31T00:00:00Z', '2026-02-28T24:00:00Z', '2026-01-01T10:60:00Z']) {
          await refused(id, [{ type: 'X', data: {}, metadata: { occurredAt } }], InvalidEventError, 'events[0].metadata.occurredAt');
        }
        expect(await store().streamVersion(id)).toBe(-1);
      });

      it('refuses an event over 1 MiB and the batch with it', async () => {
        const id = streamName();
        const big = { type: 'X', data: { blob: 'x'.repeat(1024 * 1024) } };
        await refused(id, [someEvent(), big], EventTooLargeError, 'events[1]');
        expect(await store().streamVersion(id)).toBe(-1);
      });
    });
  });
}
