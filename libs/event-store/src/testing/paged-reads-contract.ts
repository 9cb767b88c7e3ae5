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
  });
}
