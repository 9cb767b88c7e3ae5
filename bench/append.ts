import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import postgres from 'postgres';
import { startPostgres } from '@crm/ephemeral-postgres';
import { createPostgresEventStore, type NewEvent } from '@crm/event-store';
import { progress } from './progress';
import { createRawTable, purchaseData, rawInserter } from './raw-inserts';
import { median } from './stats';

/**
 * Append throughput of our PostgreSQL adapter against (a) raw inserts into an
 * equivalent table with the same client, the physical limit, and (b) Emmett's
 * PostgreSQL event store, all on one durable server in one run.
 */

interface Mode {
  name: string;
  callers: number;
  eventsPerAppend: number;
  appendsPerCaller: number;
}

const modes: Mode[] = [
  { name: '1 event/append, sequential', callers: 1, eventsPerAppend: 1, appendsPerCaller: 1500 },
  { name: '1 event/append, 8 concurrent', callers: 8, eventsPerAppend: 1, appendsPerCaller: 600 },
  { name: '100 events/append, sequential', callers: 1, eventsPerAppend: 100, appendsPerCaller: 150 },
];
const rounds = 5;

/** Appends `eventsPerAppend` events to the caller's stream number `append`, each stream getting several appends. */
type Appender = (caller: number, append: number, events: number) => Promise<void>;

interface Contender {
  name: 'ours' | 'raw' | 'emmett';
  appender: (mode: Mode, run: string) => Appender;
}

/** Each caller writes to 10 streams of its own in turn, so appends have a real expected version. */
const streamsPerCaller = 10;

async function contenders(url: string): Promise<{ list: Contender[]; close: () => Promise<void> }> {
  const ours = await createPostgresEventStore(url, { max: 10 });
  const raw = postgres(url, { max: 10, onnotice: () => undefined });
  await createRawTable(raw);
  const emmett = getPostgreSQLEventStore(url, { schema: { autoMigration: 'CreateOrUpdate' } });
  await emmett.appendToStream(`warmup-${randomUUID()}`, [{ type: 'Warmup', data: {} }]);

  const versions = () => new Map<string, number>();
  const list: Contender[] = [
    {
      name: 'ours',
      appender: (_mode, run) => {
        const at = versions();
        return async (caller, append, n) => {
          const stream = `customer-${run}-${caller}-${append % streamsPerCaller}`;
          const events: NewEvent[] = Array.from({ length: n }, (_, i) => ({
            type: 'PurchaseRecorded',
            data: purchaseData(i),
            metadata: { actor: 'bench' },
          }));
          const result = await ours.append(stream, events, at.get(stream) ?? 'no_stream');
          at.set(stream, result.streamVersion);
        };
      },
    },
    {
      name: 'raw',
      appender: (_mode, run) => {
        const insert = rawInserter(raw);
        return (caller, append, n) => insert(`customer-${run}-${caller}-${append % streamsPerCaller}`, n);
      },
    },
    {
      name: 'emmett',
      appender: (_mode, run) => {
        const at = new Map<string, bigint>();
        return async (caller, append, n) => {
          const stream = `customer-${run}-${caller}-${append % streamsPerCaller}`;
          const events = Array.from({ length: n }, (_, i) => ({ type: 'PurchaseRecorded', data: purchaseData(i), metadata: { actor: 'bench' } }));
          const expected = at.get(stream);
          const result = await emmett.appendToStream(stream, events, expected === undefined ? {} : { expectedStreamVersion: expected });
          at.set(stream, result.nextExpectedStreamVersion);
        };
      },
    },
  ];
  return {
    list,
    close: async () => {
      await ours.close();
      await raw.end();
      await emmett.close();
    },
  };
}

/** Events per second for one contender in one mode. */
async function measure(contender: Contender, mode: Mode, label: string): Promise<number> {
  const append = contender.appender(mode, randomUUID().slice(0, 8));
  const total = mode.callers * mode.appendsPerCaller;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: mode.callers }, async (_, caller) => {
      for (let i = 0; i < mode.appendsPerCaller; i++) {
        await append(caller, i, mode.eventsPerAppend);
        if (++done % 50 === 0 || done === total) progress(label, done, total);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (total * mode.eventsPerAppend) / seconds;
}

export async function runAppendBenchmark(): Promise<void> {
  process.stderr.write('append: starting a durable PostgreSQL server...\n');
  const server = await startPostgres({ durable: true });
  const { list, close } = await contenders(server.url);
  const results: { mode: string; ours: number; raw: number; emmett: number }[] = [];
  try {
    for (const mode of modes) {
      const samples: Record<Contender['name'], number[]> = { ours: [], raw: [], emmett: [] };
      for (let round = 1; round <= rounds; round++) {
        // Interleaved rounds, so that the machine's noise falls on every contender alike.
        for (const contender of list) {
          samples[contender.name].push(await measure(contender, mode, `${mode.name} ${contender.name} ${round}/${rounds}`));
        }
      }
      results.push({ mode: mode.name, ours: Math.round(median(samples.ours)), raw: Math.round(median(samples.raw)), emmett: Math.round(median(samples.emmett)) });
    }
  } finally {
    await close();
    await server.stop();
  }
  console.log(`\nAppend throughput, events/s (median of ${rounds} interleaved rounds, one durable PostgreSQL)`);
  console.table(
    results.map((r) => ({
      mode: r.mode,
      ours: r.ours,
      raw: r.raw,
      emmett: r.emmett,
      'ours/raw': (r.ours / r.raw).toFixed(2),
      'ours/emmett': (r.ours / r.emmett).toFixed(2),
    })),
  );
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'append.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to bench/results/append.json`);
}
