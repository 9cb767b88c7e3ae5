import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { startPostgres } from '@crm/ephemeral-postgres';
import { measureStateAsOf } from './audit-as-of';
import { measureEvidence } from './audit-evidence';

/**
 * `npm run bench -- audit`: issue 18's targets on one durable PostgreSQL over the demo's data
 * (BENCH_AUDIT_EVENTS, default 1,000,000): verify, export and import each beside its raw
 * limit in the same run, and the state as of an instant; into bench/results/audit.json.
 */
export async function runAuditBenchmark(): Promise<void> {
  const events = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
  if (!Number.isInteger(events) || events < 1000) throw new Error(`BENCH_AUDIT_EVENTS must be a whole number of at least 1000, not ${process.env.BENCH_AUDIT_EVENTS}`);
  process.stderr.write(`audit: starting a durable PostgreSQL server for ${events} events...\n`);
  const server = await startPostgres({ durable: true });
  try {
    const { verify, export: exported, import: imported, events: measured } = await measureEvidence(
      await databaseOn(server.url, 'audit_source'),
      await databaseOn(server.url, 'audit_import'),
      events,
    );
    const asOf = await measureStateAsOf(await databaseOn(server.url, 'audit_as_of'));
    const result = { events: measured, verify, export: exported, import: imported, asOf };
    console.table({
      'crm verify --all': { 'events/s': verify.eventsPerSecond, 'raw events/s': verify.rawEventsPerSecond, ratio: verify.ratio, target: 0.5 },
      'crm export': { 'events/s': exported.eventsPerSecond, 'raw events/s': exported.rawEventsPerSecond, ratio: exported.ratio, target: 0.5 },
      'crm import': { 'events/s': imported.eventsPerSecond, 'raw events/s': imported.rawEventsPerSecond, ratio: imported.ratio, target: 0.5 },
    });
    console.log(`state as of an instant, 10,000-event customer: p50 ${asOf.p50Ms} ms, p99 ${asOf.p99Ms} ms (target p99 < 50 ms)`);
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'audit.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('written to bench/results/audit.json');
  } finally {
    await server.stop();
  }
}

/** A database of its own on the server, so that each measurement starts from an empty store. */
async function databaseOn(serverUrl: string, name: string): Promise<string> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
