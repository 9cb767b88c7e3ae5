import type { PagedAllReads } from '../event-store';
import { someEvent, streamName } from './contract-fixtures';
import { type OpenedSqlEventStore, type SqlEventStoreAdapter } from './sql-contract-fixtures';

/**
 * Part of the SQL contract: pages of `$all` for a feed's clients. `next` moves past settled
 * positions that matched nothing, never past one a writer still holds.
 */
export function pagedReadsContract(adapter: SqlEventStoreAdapter): void {
  describe(`pages of $all: ${adapter.name}`, () => {
    let opened: OpenedSqlEventStore;
    beforeEach(async () => {
      opened = await adapter.open();
    });
    afterEach(async () => {
      await opened.dispose();
    });
    const pages = () => opened.store as unknown as PagedAllReads;

    it('pages in position order, `from` inclusive, `next` one past the last event of a full page', async () => {
      const stream = streamName();
      const appended = await opened.store.append(stream, [0, 1, 2, 3, 4].map((n) => someEvent(n)), 'no_stream');
      const positions = appended.events.map((e) => e.position);
      const first = await pages().readAllPage({ from: positions[1], limit: 2 });
      expect(first.events.map((e) => e.position)).toEqual(positions.slice(1, 3));
      expect(first.next).toBe(positions[2] + 1);
      const rest = await pages().readAllPage({ from: first.next, limit: 10 });
      expect(rest.events.map((e) => e.position)).toEqual(positions.slice(3));
      expect(rest.next).toBe(positions[4] + 1);
      expect(await pages().readAllPage({ from: rest.next, limit: 10 })).toEqual({ events: [], next: rest.next });
    });

    it('moves `next` past the settled events a type or stream filter leaves out', async () => {
      const stream = streamName();
      const other = streamName();
      const a = await opened.store.append(stream, [someEvent(0, { type: 'ComplaintFiled' })], 'no_stream');
      const b = await opened.store.append(other, [someEvent(1), someEvent(2)], 'no_stream');
      const byType = await pages().readAllPage({ from: 1, limit: 10, types: ['ComplaintFiled'] });
      expect(byType.events.map((e) => e.eventId)).toEqual([a.events[0].eventId]);
      expect(byType.next).toBe(b.events[1].position + 1);
      const byStream = await pages().readAllPage({ from: 1, limit: 10, streamId: other });
      expect(byStream.events.map((e) => e.eventId)).toEqual(b.events.map((e) => e.eventId));
      expect(byStream.next).toBe(b.events[1].position + 1);
    });

    it('reads the events at given positions, in position order, leaving out positions that hold none', async () => {
      const appended = await opened.store.append(streamName(), [0, 1, 2, 3].map((n) => someEvent(n)), 'no_stream');
      const [p0, , p2, p3] = appended.events.map((e) => e.position);
      const read = await pages().readEventsAt([p3, p0, p2, p3 + 1_000_000]);
      expect(read).toEqual([appended.events[0], appended.events[2], appended.events[3]]);
      expect(await pages().readEventsAt([])).toEqual([]);
    });

    it('subscribes in pages: every event once, in order, no page empty, then live', async () => {
      const stream = streamName();
      const first = await opened.store.append(stream, [0, 1, 2].map((n) => someEvent(n)), 'no_stream');
      const signal = new AbortController();
      const seen: number[] = [];
      const following = (async () => {
        for await (const page of pages().subscribePages({ from: first.events[0].position, streamId: stream, signal: signal.signal, idlePollMs: 2 })) {
          expect(page.length).toBeGreaterThan(0);
          seen.push(...page.map((e) => e.streamVersion));
          if (seen.length === 5) signal.abort();
        }
      })();
      await opened.store.append(stream, [3, 4].map((n) => someEvent(n)), first.streamVersion);
      await following;
      expect(seen).toEqual([0, 1, 2, 3, 4]);
    });

    it('subscribes in pages of at most `pageSize`: full while more was ready, shorter once caught up', async () => {
      const stream = streamName();
      const appended = await opened.store.append(stream, [0, 1, 2, 3, 4, 5, 6].map((n) => someEvent(n)), 'no_stream');
      const signal = new AbortController();
      const sizes: number[] = [];
      for await (const page of pages().subscribePages({ from: appended.events[0].position, streamId: stream, pageSize: 3, signal: signal.signal, idlePollMs: 2 })) {
        sizes.push(page.length);
        if (sizes.reduce((a, b) => a + b) === 7) signal.abort();
      }
      expect(sizes).toEqual([3, 3, 1]);
    });
  });
}
