import { setTimeout as sleep } from 'node:timers/promises';
import { createPGliteEventStore, createPostgresEventStore, type SqlEventStore } from '@crm/event-store';
import { createTestDatabase } from '@crm/testing';
import { listGenerations } from '../catalog/list-generations';
import type { Projection } from '../projection';
import { ProjectionDaemon } from './projection-daemon';

/** A projection that counts events per stream: simple enough to check by hand. */
const counting = (overrides: Partial<Projection> = {}): Projection => ({
  name: 'stream_counts',
  version: 1,
  handles: ['Counted'],
  tables: ['stream_counts'],
  schema: (t) => [`create table ${t('stream_counts')} (stream_id text primary key, events integer not null, last_position bigint not null)`],
  async apply({ tx, events, table }) {
    for (const e of events) {
      await tx.query(
        `insert into ${table('stream_counts')} values ($1, 1, $2)
         on conflict (stream_id) do update set events = ${table('stream_counts')}.events + 1, last_position = excluded.last_position`,
        [e.streamId, e.position],
      );
    }
  },
  ...overrides,
});

const counted = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'Counted', data: { i } }));

interface Opened {
  store: SqlEventStore;
  dispose(): Promise<void>;
}

function daemonSuite(name: string, open: () => Promise<Opened>) {
  describe(`the projection daemon (${name})`, () => {
    let opened: Opened;
    let store: SqlEventStore;
    const daemons: ProjectionDaemon[] = [];
    const daemon = (projections: Projection[], holder?: string) => {
      const d = new ProjectionDaemon(store, store.client, projections, { holder, leaseMs: 600, tickMs: 50, idlePollMs: 5, batchSize: 7 });
      daemons.push(d);
      return d;
    };
    const rows = (sql: string) => store.client.query<Record<string, unknown>>(sql);
    const until = async (what: () => Promise<boolean>, ms = 20_000) => {
      const end = Date.now() + ms;
      while (!(await what())) {
        if (Date.now() > end) throw new Error('timed out');
        await sleep(10);
      }
    };
    const countsOf = () => rows(`select stream_id, events::int as events from crm_read.stream_counts order by stream_id`);
    const positionOf = async (projection: string) =>
      (await listGenerations(store.client)).find((g) => g.name === projection && g.status === 'active')?.position ?? -1;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await Promise.all(daemons.splice(0).map((d) => d.stop()));
      await opened.dispose();
    });

    it('applies $all from the checkpoint, live, and moves the checkpoint with the rows', async () => {
      await store.append('a', counted(10), 'no_stream');
      await store.append('other', [{ type: 'Ignored', data: {} }], 'no_stream');
      const d = daemon([counting()]);
      await d.start();
      await store.append('b', counted(3), 'no_stream');
      const head = await store.headPosition();
      await until(async () => (await positionOf('stream_counts')) === head);
      expect(await countsOf()).toEqual([
        { stream_id: 'a', events: 10 },
        { stream_id: 'b', events: 3 },
      ]);
      // A process started again goes on from the checkpoint: nothing counted twice.
      await d.stop();
      await store.append('a', counted(2), 'any');
      await daemon([counting()]).start();
      await until(async () => (await positionOf('stream_counts')) === head + 2);
      expect(await countsOf()).toEqual([
        { stream_id: 'a', events: 12 },
        { stream_id: 'b', events: 3 },
      ]);
    });

    it('rolls a failing batch back whole and stops that projection alone, with its error', async () => {
      await store.append('a', counted(20), 'no_stream');
      const failing = counting({
        name: 'failing',
        tables: ['failing_counts'],
        schema: (t) => [`create table ${t('failing_counts')} (position bigint primary key)`],
        async apply({ tx, events, table }) {
          for (const e of events) {
            await tx.query(`insert into ${table('failing_counts')} values ($1)`, [e.position]);
            if ((e.data as { i: number }).i === 10) throw new Error('no tenth event');
          }
        },
      });
      await daemon([counting(), failing]).start();
      const head = await store.headPosition();
      await until(async () => (await positionOf('stream_counts')) === head);
      await until(async () => (await listGenerations(store.client)).some((g) => g.name === 'failing' && g.error !== null));
      const [failed] = (await listGenerations(store.client)).filter((g) => g.name === 'failing');
      expect(failed.error).toBe('no tenth event');
      // Batches of 7: the first (i 0..6) committed; the second wrote i 7..10 and threw: none of it stays.
      expect(failed.position).toBe(7);
      expect(await rows(`select position::int from crm_read.failing_counts order by 1`)).toHaveLength(7);
      expect(await countsOf()).toEqual([{ stream_id: 'a', events: 20 }]);
    });

    it('rebuilds into fresh tables while the old ones answer, then switches the view', async () => {
      await store.append('a', counted(30), 'no_stream');
      const d = daemon([counting()]);
      await d.start();
      const head = await store.headPosition();
      await until(async () => (await positionOf('stream_counts')) === head);
      const [build] = await d.rebuild('stream_counts');
      expect(build).toMatchObject({ generation: 2, status: 'building', targetPosition: head });
      await until(async () => (await listGenerations(store.client)).some((g) => g.generation === 2 && g.status === 'active'));
      expect(await countsOf()).toEqual([{ stream_id: 'a', events: 30 }]);
      const tables = await rows(`select table_name from information_schema.tables where table_schema = 'crm_read' and table_type = 'BASE TABLE' order by 1`);
      expect(tables).toEqual([{ table_name: 'stream_counts_g2' }]);
      // It goes on live on the new tables.
      await store.append('a', counted(1), 'any');
      await until(async () => (await positionOf('stream_counts')) === head + 1);
      expect(await countsOf()).toEqual([{ stream_id: 'a', events: 31 }]);
    });

    it('builds a new version at start beside the old one, which answers until the switch', async () => {
      await store.append('a', counted(5), 'no_stream');
      const v1 = daemon([counting()]);
      await v1.start();
      await until(async () => (await positionOf('stream_counts')) === 5);
      await v1.stop();
      const v2 = counting({
        version: 2,
        schema: (t) => [`create table ${t('stream_counts')} (stream_id text primary key, events integer not null, last_position bigint not null, doubled integer)`],
      });
      await daemon([v2]).start();
      await until(async () => (await listGenerations(store.client)).some((g) => g.version === 2 && g.status === 'active'));
      const columns = await rows(`select column_name from information_schema.columns where table_schema = 'crm_read' and table_name = 'stream_counts' order by 1`);
      expect(columns.map((c) => c.column_name)).toContain('doubled');
      expect(await countsOf()).toEqual([{ stream_id: 'a', events: 5 }]);
    });

    it('lets one holder apply a projection at a time, and another take over when it stops', async () => {
      await store.append('a', counted(10), 'no_stream');
      const first = daemon([counting()], 'first');
      const second = daemon([counting()], 'second');
      await first.start();
      await second.start();
      const head = await store.headPosition();
      await until(async () => (await positionOf('stream_counts')) === head);
      expect(await rows(`select holder from crm_projection_leases`)).toEqual([{ holder: 'first' }]);
      await first.stop();
      await store.append('a', counted(10), 'any');
      await until(async () => (await positionOf('stream_counts')) === head + 10);
      expect(await rows(`select holder from crm_projection_leases`)).toEqual([{ holder: 'second' }]);
      expect(await countsOf()).toEqual([{ stream_id: 'a', events: 20 }]);
    });
  });
}

daemonSuite('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const store = await createPostgresEventStore(database.url);
  return {
    store,
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
});

daemonSuite('PGlite', async () => {
  const store = await createPGliteEventStore();
  return { store, dispose: () => store.close() };
});
