import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import postgres from 'postgres';
import { readSchema, tableNamer, type Projection, type ProjectionDaemon } from '@crm/projections';
import { percentProgress } from './progress';

/** Events per second of a bare postgres.js cursor over `$all` in position order, JSON decoded: the raw catch-up limit. */
export async function rawCursorRate(sql: postgres.Sql, events: number, label: string): Promise<number> {
  const show = percentProgress(label);
  let read = 0;
  const started = performance.now();
  const cursor = sql`select position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at
                     from crm_events order by position`.cursor(1000);
  for await (const rows of cursor) {
    read += rows.length;
    show(read / events);
  }
  return read / ((performance.now() - started) / 1000);
}

interface GenerationRow {
  name: string;
  generation: number;
  status: string;
  position: string;
  target_position: string;
  error: string | null;
}

const generations = (watch: postgres.Sql) =>
  watch<GenerationRow[]>`select name, generation, status, position::text, target_position::text, error from crm_projection_generations`;

/** Seconds from asking for the rebuild until every new generation is active (switched to). */
export async function timedRebuild(daemon: ProjectionDaemon, watch: postgres.Sql, name: string, label: string): Promise<number> {
  const show = percentProgress(label);
  const started = performance.now();
  const builds = new Set((await daemon.rebuild(name)).map((g) => `${g.name}:${g.generation}`));
  for (;;) {
    const mine = (await generations(watch)).filter((g) => builds.has(`${g.name}:${g.generation}`));
    const failed = mine.find((g) => g.status === 'failed' || g.error !== null);
    if (failed) throw new Error(`the rebuild of ${failed.name} failed: ${failed.error}`);
    const building = mine.filter((g) => g.status === 'building');
    if (building.length === 0) break;
    const share = Math.min(...building.map((g) => Number(g.position) / Math.max(1, Number(g.target_position))));
    show(Math.min(0.99, share));
    await sleep(20);
  }
  show(1);
  return (performance.now() - started) / 1000;
}

/** Waits until every active generation has applied `$all` up to its head; answers the seconds it took. */
export async function untilCaughtUp(watch: postgres.Sql, label: string): Promise<number> {
  const show = percentProgress(label);
  const started = performance.now();
  const [{ head }] = await watch<{ head: string }[]>`select coalesce(max(position), 0)::text as head from crm_events`;
  for (;;) {
    const active = (await generations(watch)).filter((g) => g.status === 'active');
    const failed = active.find((g) => g.error !== null);
    if (failed) throw new Error(`${failed.name} failed: ${failed.error}`);
    const behind = Math.min(...active.map((g) => Number(g.position)));
    show(behind / Math.max(1, Number(head)));
    if (behind >= Number(head)) return (performance.now() - started) / 1000;
    await sleep(20);
  }
}

/** A full collection (node runs without --expose-gc), so that a baseline of the resident set holds no garbage of what ran before. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Samples the resident set every 100 ms from now; the returned stop answers the peak growth in MiB. */
export function rssGrowth(): () => number {
  collectGarbage();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  return () => {
    clearInterval(timer);
    return (Math.max(peak, process.memoryUsage.rss()) - before) / 2 ** 20;
  };
}

/**
 * Seconds PostgreSQL alone takes to write every read model's rows as the rebuild left them: each
 * active table copied inside the server into a fresh one with the same indexes, a projection per
 * connection, all at once as the rebuild's tracks run (asynchronous commit, as the lanes). No
 * event is read, decoded or unsealed and no row crosses the socket: no rebuild that writes these
 * rows can be faster on this machine. The copies are dropped after.
 */
export async function writeFloorSeconds(url: string, projections: readonly Projection[], label: string): Promise<number> {
  const show = percentProgress(label);
  const sql = postgres(url, { max: projections.length, onnotice: () => undefined });
  const active = new Map(
    (await sql<{ name: string; generation: number }[]>`select name, generation from crm_projection_generations where status = 'active'`).map((g) => [g.name, g.generation]),
  );
  const copies = projections.map((p) => p.tables.map((t) => ({ from: tableNamer(active.get(p.name)!)(t), to: `${readSchema}.write_floor_${t}` })));
  try {
    let done = 0;
    show(0);
    const started = performance.now();
    await Promise.all(
      copies.map((tables) =>
        sql.begin(async (tx) => {
          await tx.unsafe('set local synchronous_commit = off');
          for (const { from, to } of tables) {
            await tx.unsafe(`create table ${to} (like ${from} including all)`);
            await tx.unsafe(`insert into ${to} select * from ${from}`);
          }
          show(++done / copies.length);
        }),
      ),
    );
    return (performance.now() - started) / 1000;
  } finally {
    for (const { to } of copies.flat()) await sql.unsafe(`drop table if exists ${to}`);
    await sql.end();
  }
}
