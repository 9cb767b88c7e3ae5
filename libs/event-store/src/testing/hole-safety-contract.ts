import { randomUUID } from 'node:crypto';
import type { PagedAllReads, RecordedEvent } from '../event-store';
import type { SqlClient } from '../sql/sql-client';
import { appendOneStatement, currentXidStatement } from '../sql/statements';
import { follow, positionsStrictlyIncrease, someEvent, streamName } from './contract-fixtures';
import { heldAppend, oneEvent, plainInsert, type OpenedSqlEventStore, type SqlEventStoreAdapter } from './sql-contract-fixtures';

/**
 * Part of the SQL contract: interleavings of concurrent write transactions
 * that every SQL adapter with more than one connection must survive without a
 * `$all` reader skipping an event (DESIGN.md §3).
 */
export function holeSafetyContract(adapter: SqlEventStoreAdapter): void {
  describe(`$all never skips: ${adapter.name}`, () => {
    let opened: OpenedSqlEventStore;
    let clients: SqlClient[];
    beforeEach(async () => {
      opened = await adapter.open();
      if (!opened.connect) throw new Error(`${adapter.name} has no second connection: these interleavings need one`);
      clients = await Promise.all([opened.connect(), opened.connect(), opened.connect()]);
    });
    afterEach(async () => {
      await opened.dispose();
    });
    const settle = () => new Promise((r) => setTimeout(r, 150));

    it('holds back p+1 while the transaction holding p is open, then delivers p before p+1', async () => {
      const subscriber = follow(opened.store);
      const t1 = await heldAppend(clients[0], streamName());
      const later = await opened.store.append(streamName(), [someEvent(2)], 'no_stream');
      await settle();
      expect(subscriber.seen).toHaveLength(0);
      await t1.commit();
      await subscriber.until((seen) => seen.length === 2);
      await subscriber.stop();
      expect(subscriber.seen.map((e) => e.type)).toEqual(['Held', 'InteractionRecorded']);
      expect(subscriber.seen[1].eventId).toBe(later.events[0].eventId);
      expect(positionsStrictlyIncrease(subscriber.seen)).toBe(true);
    });

    it('ends a page of $all before a position a writer still holds, and gives what follows once it commits', async () => {
      const pages = opened.store as unknown as PagedAllReads;
      const before = await opened.store.append(streamName(), [someEvent(0)], 'no_stream');
      const held = await heldAppend(clients[0], streamName());
      const after = await opened.store.append(streamName(), [someEvent(1, { type: 'ComplaintFiled' })], 'no_stream');
      const page = await pages.readAllPage({ from: 1, limit: 10, types: ['ComplaintFiled'] });
      expect(page).toEqual({ events: [], next: before.events[0].position + 1 });
      await held.commit();
      const later = await pages.readAllPage({ from: page.next, limit: 10, types: ['ComplaintFiled'] });
      expect(later.events.map((e) => e.eventId)).toEqual([after.events[0].eventId]);
      expect(later.next).toBe(after.events[0].position + 1);
    });

    it('reads by type past a page of events by index, yet never past a position a writer still holds', async () => {
      const pages = opened.store as unknown as PagedAllReads;
      const types = ['Held', 'ComplaintFiled'];
      await opened.store.append(streamName(), [someEvent(0, { type: 'ComplaintFiled' })], 'no_stream');
      const held = await heldAppend(clients[0], streamName());
      // More than a page (1,000) after the hole: the reader takes the by-index path.
      const after = await opened.store.append(streamName(), Array.from({ length: 1500 }, (_, n) => someEvent(n, n % 100 === 0 ? { type: 'ComplaintFiled' } : {})), 'no_stream');
      const first = await pages.readAllPage({ from: 1, limit: 100, types, holeWaitMs: 100 });
      expect(first.events.map((e) => e.type)).toEqual(['ComplaintFiled']);
      const blocked = await pages.readAllPage({ from: first.next, limit: 100, types, holeWaitMs: 100 });
      expect(blocked).toEqual({ events: [], next: first.next });
      await held.commit();
      const rest = await pages.readAllPage({ from: first.next, limit: 100, types });
      expect(rest.events.map((e) => e.type)).toEqual(['Held', ...Array.from({ length: 15 }, () => 'ComplaintFiled')]);
      expect(rest.events.slice(1).map((e) => e.eventId)).toEqual(after.events.filter((e) => e.type === 'ComplaintFiled').map((e) => e.eventId));
      expect(rest.next).toBe(after.events[after.events.length - 1].position + 1);
    });

    it('holds back p+1 while p is open, then delivers p+1 alone once p rolls back', async () => {
      const subscriber = follow(opened.store);
      const t1 = await heldAppend(clients[0], streamName());
      const later = await opened.store.append(streamName(), [someEvent(2)], 'no_stream');
      await settle();
      expect(subscriber.seen).toHaveLength(0);
      await t1.rollback();
      await subscriber.until((seen) => seen.length === 1);
      await settle();
      await subscriber.stop();
      expect(subscriber.seen.map((e) => e.eventId)).toEqual([later.events[0].eventId]);
    });

    it('waits for a writer whose xid is above the snapshot xmax (A takes its xid, B a later one and draws p, A draws p+1)', async () => {
      const subscriber = follow(opened.store);
      let releaseA!: () => void;
      const aMayAppend = new Promise<void>((r) => (releaseA = r));
      let aHasXid!: () => void;
      const aXidTaken = new Promise<void>((r) => (aHasXid = r));
      const a = clients[0].transaction(async (tx) => {
        await tx.query(currentXidStatement);
        aHasXid();
        await aMayAppend;
        await tx.query(appendOneStatement, oneEvent(streamName(), 'A'));
      });
      await aXidTaken;
      const b = await heldAppend(clients[1], streamName()); // later xid, draws p
      releaseA();
      await a; // A draws p+1 and commits
      await settle();
      expect(subscriber.seen).toHaveLength(0);
      await b.commit();
      await subscriber.until((seen) => seen.length === 2);
      await subscriber.stop();
      expect(subscriber.seen.map((e) => e.type)).toEqual(['Held', 'A']);
      expect(positionsStrictlyIncrease(subscriber.seen)).toBe(true);
    });

    it('passes a position drawn inside a savepoint that failed, and delivers the rest of that transaction', async () => {
      const subscriber = follow(opened.store);
      const taken = await opened.store.append(streamName(), [someEvent(1, { eventId: randomUUID() })], 'no_stream');
      await clients[0].transaction(async (tx) => {
        const reused = oneEvent(streamName(), 'Dup', taken.events[0].eventId);
        await expect(tx.savepoint((sp) => sp.query(appendOneStatement, reused))).rejects.toMatchObject({
          code: '23505',
        });
        await tx.query(appendOneStatement, oneEvent(streamName(), 'AfterSavepoint'));
      });
      await subscriber.until((seen) => seen.length === 2);
      await settle();
      await subscriber.stop();
      expect(subscriber.seen.map((e) => e.type)).toEqual(['InteractionRecorded', 'AfterSavepoint']);
      expect(subscriber.seen[1].position).toBeGreaterThan(subscriber.seen[0].position + 1);
    });

    it('waits for a row inserted by plain SQL, held between drawing its position and storing it and then until its commit', async () => {
      // nextval() takes an xid itself when it writes the sequence ahead to WAL (the first value, every
      // 32nd, the first after a checkpoint): one append first, so that the import's draw does not.
      const first = await opened.store.append(streamName(), [someEvent(0)], 'no_stream');
      const subscriber = follow(opened.store);
      await subscriber.until((seen) => seen.length === 1);
      const gate = 7262101;
      await clients[1].query(`select pg_advisory_lock($1)`, [gate]);
      let inserted!: () => void;
      const stored = new Promise<void>((r) => (inserted = r));
      let commit!: () => void;
      const mayCommit = new Promise<void>((r) => (commit = r));
      let imported!: { eventId: string };
      const importer = clients[0].transaction(async (tx) => {
        imported = await plainInsert(tx, streamName('import'), gate);
        inserted();
        await mayCommit;
      });
      const waitingAtGate = `select 1 from pg_locks where locktype = 'advisory' and not granted`;
      while ((await clients[2].query(waitingAtGate)).length === 0) await new Promise((r) => setTimeout(r, 5));
      const whileBuilt = await opened.store.append(streamName(), [someEvent(1)], 'no_stream');
      await settle();
      expect(subscriber.seen).toHaveLength(1);
      await clients[1].query(`select pg_advisory_unlock($1)`, [gate]);
      await stored;
      const whileOpen = await opened.store.append(streamName(), [someEvent(2)], 'no_stream');
      await settle();
      expect(subscriber.seen).toHaveLength(1);
      commit();
      await importer;
      await subscriber.until((seen) => seen.length === 4);
      await settle();
      await subscriber.stop();
      const inPositionOrder = [first.events[0], imported, whileBuilt.events[0], whileOpen.events[0]];
      expect(subscriber.seen.map((e) => e.eventId)).toEqual(inPositionOrder.map((e) => e.eventId));
      expect(positionsStrictlyIncrease(subscriber.seen)).toBe(true);
    });

    it('randomized writers with rollbacks: a naive reader skips, ours delivers every committed event once, in order', async () => {
      const ours = follow(opened.store);
      const naive = naiveReader(clients[2]);
      const committed = new Set<string>();
      const writers = await Promise.all(Array.from({ length: 8 }, () => opened.connect!()));
      await Promise.all(
        writers.map(async (client, w) => {
          for (let i = 0; i < 60; i++) {
            const rollback = (w + i) % 4 === 0;
            const id = randomUUID();
            await client
              .transaction(async (tx) => {
                await tx.query(appendOneStatement, oneEvent(streamName('rnd'), 'Random', id));
                await new Promise((r) => setTimeout(r, Math.random() * 6));
                if (rollback) throw new Error('rollback');
              })
              .then(() => committed.add(id))
              .catch((error: Error) => {
                if (error.message !== 'rollback') throw error;
              });
          }
        }),
      );
      await ours.until((seen) => seen.length === committed.size);
      await naive.stop();
      await settle();
      await ours.stop();
      expect(ours.seen.map((e) => e.eventId).sort()).toEqual([...committed].sort());
      expect(positionsStrictlyIncrease(ours.seen)).toBe(true);
      expect(naive.seen.size).toBeLessThan(committed.size);
    }, 120_000);
  });
}

/** What every event store once shipped: poll `position > checkpoint` and move the checkpoint to the highest seen. */
function naiveReader(client: SqlClient) {
  const seen = new Set<string>();
  let running = true;
  const done = (async () => {
    let checkpoint = 0;
    while (running) {
      const rows = await client.query<Pick<RecordedEvent, 'position'> & { event_id: string }>(
        `select position, event_id::text from crm_events where position > $1 order by position limit 1000`,
        [checkpoint],
      );
      for (const row of rows) {
        seen.add(row.event_id);
        checkpoint = Number(row.position);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
  })();
  return {
    seen,
    stop: async () => {
      running = false;
      await done;
    },
  };
}
