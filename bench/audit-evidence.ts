import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import postgres from 'postgres';
import { openRuntime, type Runtime } from '@crm/application';
import { testMasterKey, testSigningKey } from '@crm/testing';
import { demoPlan, loadCustomers } from './demo-load';
import { percentProgress } from './progress';

export interface EvidenceRates {
  verify: { eventsPerSecond: number; rawEventsPerSecond: number; ratio: number };
  export: { eventsPerSecond: number; rawEventsPerSecond: number; ratio: number; bytes: number };
  import: { eventsPerSecond: number; rawEventsPerSecond: number; ratio: number };
  events: number;
}

const columns = 'position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash';
const round = (n: number, digits = 0) => Number(n.toFixed(digits));
const rate = (events: number, started: number) => events / ((performance.now() - started) / 1000);
const ratio = (ours: number, raw: number) => ({ eventsPerSecond: round(ours), rawEventsPerSecond: round(raw), ratio: round(ours / raw, 2) });

/**
 * `crm verify --all`, `crm export` and `crm import` (what the commands run, in this process)
 * over the demo's data, each beside its raw limit on the same rows in the same run: a bare
 * postgres.js cursor, `COPY (select …) TO STDOUT`, `COPY … FROM STDIN` into a table like
 * `crm_events` (same columns, keys and indexes).
 */
export async function measureEvidence(url: string, importUrl: string, events: number): Promise<EvidenceRates> {
  const folder = mkdtempSync(join(tmpdir(), 'crm-bench-audit-'));
  const raw = postgres(url, { max: 1, onnotice: () => undefined });
  const rawImport = postgres(importUrl, { max: 1, onnotice: () => undefined });
  const runtime = await openRuntime({ databaseUrl: url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey });
  // The import's database migrated first: the raw copy's table is made like its crm_events.
  const target = await openRuntime({ databaseUrl: importUrl, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey });
  try {
    const plan = demoPlan(events, 0);
    const started = performance.now();
    const loaded = await loadCustomers(runtime, plan.load);
    process.stderr.write(`loaded ${loaded.events} events of ${plan.load.length} customers in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    await runtime.evidence.checkpoint();
    const [{ count }] = await raw<{ count: string }[]>`select count(*)::text as count from crm_events`;
    const stored = Number(count);

    const rawRead = await rawCursor(raw, stored);
    const verify = await timedVerify(runtime, stored);
    const rawOut = join(folder, 'raw.copy');
    const rawExport = await rawCopyOut(raw, rawOut, stored);
    const file = join(folder, 'export.ndjson');
    const exported = await timedExport(runtime, file, stored);
    const rawIn = await rawCopyIn(rawImport, rawOut, stored);
    const imported = await timedImport(target, file, stored);
    return {
      verify: ratio(verify, rawRead),
      export: { ...ratio(exported, rawExport), bytes: statSync(file).size },
      import: ratio(imported, rawIn),
      events: stored,
    };
  } finally {
    await runtime.close();
    await target.close();
    await raw.end();
    await rawImport.end();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function rawCursor(sql: postgres.Sql, events: number): Promise<number> {
  const show = percentProgress('raw cursor over crm_events');
  let read = 0;
  const started = performance.now();
  for await (const rows of sql.unsafe(`select ${columns} from crm_events order by position`).cursor(1000)) {
    read += rows.length;
    show(read / events);
  }
  return rate(read, started);
}

async function timedVerify(runtime: Runtime, events: number): Promise<number> {
  const show = percentProgress('crm verify --all');
  const started = performance.now();
  const report = await runtime.evidence.verify({ onProgress: ({ phase, done, total }) => phase === 'links' && show(done / Math.max(total, 1)) });
  if (!report.ok || report.checked !== events) throw new Error(`the store did not verify: ${JSON.stringify(report).slice(0, 500)}`);
  return rate(events, started);
}

async function rawCopyOut(sql: postgres.Sql, file: string, events: number): Promise<number> {
  process.stderr.write(`raw COPY TO STDOUT of ${events} events...\n`);
  const started = performance.now();
  await pipeline(await sql.unsafe(`copy (select ${columns} from crm_events order by position) to stdout`).readable(), createWriteStream(file));
  return rate(events, started);
}

async function timedExport(runtime: Runtime, file: string, events: number): Promise<number> {
  const show = percentProgress('crm export');
  const out: Writable = createWriteStream(file);
  let written = 0;
  const started = performance.now();
  for await (const line of runtime.evidence.export({})) {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
    if ('event' in line && ++written % 1000 === 0) show(written / events);
  }
  out.end();
  await once(out, 'close');
  return rate(events, started);
}

async function rawCopyIn(sql: postgres.Sql, file: string, events: number): Promise<number> {
  await sql.unsafe(`create table crm_events_raw_copy (like crm_events including all)`);
  // `like … including all` copies the position's default, whose sequence is crm_events': the copy brings its own positions.
  process.stderr.write(`raw COPY FROM STDIN of ${events} events...\n`);
  const started = performance.now();
  await pipeline(createReadStream(file), await sql.unsafe(`copy crm_events_raw_copy (${columns}) from stdin`).writable());
  return rate(events, started);
}

async function timedImport(runtime: Runtime, file: string, events: number): Promise<number> {
  const show = percentProgress('crm import');
  const started = performance.now();
  const report = await runtime.evidence.import(lines(file), { onProgress: ({ written }) => show(written / events) });
  if (report.refused || report.written !== events) throw new Error(`the import did not go through: ${JSON.stringify(report)}`);
  return rate(events, started);
}

async function* lines(file: string): AsyncIterable<string> {
  yield* createInterface({ input: createReadStream(file), crlfDelay: Infinity });
}
