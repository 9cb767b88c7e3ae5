import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { createApp, EVENT_STORE } from '@crm/api';
import { startPostgres } from '@crm/ephemeral-postgres';
import { testMasterKey, testSigningKey } from '@crm/testing';
import type { EventStore, NewEvent } from '@crm/event-store';
import { startFloorService } from './floor';
import { jsonPoster, runHttpLoad, type HttpLoadResult } from './http-load';
import { progress } from './progress';
import { createRawTable, rawInsertRate } from './raw-inserts';
import { median, percentile } from './stats';

/**
 * Recording a purchase over HTTP, the whole command path, against the raw
 * 8-concurrent single-row insert rate of the same PostgreSQL in the same run.
 * Rounds interleave raw inserts, the service and the floor, so that the
 * machine's noise falls on all three alike. A ratio is the median of the
 * rounds' own ratios (each round's loads ran seconds apart), rates are
 * medians of the rounds, latencies percentiles of all requests of all rounds.
 */
const clients = 32;
const customers = 500;
/** A first load of this many per client is not measured: it lets V8 optimise the hot path (steady state, not start-up). */
const warmUpPerClient = 150;
const purchasesPerClient = 150;
const rounds = 5;
const longStreamEvents = 10_000;
const adminKey = 'bench-admin-key-0123456789';

function purchase(orderId: string) {
  return { orderId, currency: 'CNY', lines: [{ sku: 'NB-T14', category: 'notebooks', quantity: 2, unitPriceMinor: 599_900 }] };
}

function summary(loads: HttpLoadResult[], rawRuns: number[]) {
  const latencies = loads.flatMap((load) => load.latenciesMs).sort((a, b) => a - b);
  const rates = loads.map((load) => load.latenciesMs.length / load.seconds);
  return {
    purchasesPerSecond: Math.round(median(rates)),
    ratioToRaw: Number(median(rates.map((rate, round) => rate / rawRuns[round])).toFixed(2)),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
  };
}

export async function runCommandsBenchmark(): Promise<void> {
  process.stderr.write('commands: starting a durable PostgreSQL server and the service...\n');
  const server = await startPostgres({ durable: true });
  // The write path alone, as a writing node runs it where `crm project` applies the read models elsewhere
  // (CRM_PROJECTIONS=off); in-process, the projections take a share of the same 2 cores.
  const app = await createApp({ port: 0, databaseUrl: server.url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey, adminKey, runProjections: false }, ['error', 'warn']);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const sql = postgres(server.url, { max: 10, onnotice: () => undefined });
  const client = await jsonPoster(Number(new URL(url).port), `Bearer ${adminKey}`);
  try {
    const post = (path: string, body: unknown) => client.post(path, JSON.stringify(body));

    for (let i = 0; i < customers; i++) {
      await post('/v1/customers', { customerId: `bench-${i}`, kind: 'organization', name: `Bench ${i}` });
      if ((i + 1) % 100 === 0) progress('registering customers', i + 1, customers);
    }
    await createRawTable(sql);
    const floorService = await startFloorService(server.url);
    const targets = { service: Number(new URL(url).port), floor: floorService.port };
    const load = (port: number, perClient: number, run: string, dedicatedCustomer?: string) =>
      runHttpLoad({ port, authorization: `Bearer ${adminKey}`, clients, customers, perClient, run, dedicatedCustomer });
    const rawRuns: number[] = [];
    const loads: Record<keyof typeof targets, HttpLoadResult[]> = { service: [], floor: [] };
    try {
      process.stderr.write(`warming up: ${clients} clients x ${warmUpPerClient} on the service and on the floor (a bare Fastify route that only appends)\n`);
      for (const port of Object.values(targets)) await load(port, warmUpPerClient, 'warm-up');
      for (let round = 1; round <= rounds; round++) {
        progress(`round ${round}/${rounds}: raw 8-concurrent inserts`, round - 1, rounds);
        rawRuns.push(await rawInsertRate(sql, 8, 600));
        for (const [name, port] of Object.entries(targets) as [keyof typeof targets, number][]) {
          progress(`round ${round}/${rounds}: ${clients} clients x ${purchasesPerClient} on the ${name}`, round - 1, rounds);
          loads[name].push(await load(port, purchasesPerClient, `round-${round}`));
        }
      }
      progress('rounds done', rounds, rounds);
    } finally {
      await floorService.close();
    }
    const raw = median(rawRuns);
    const service = summary(loads.service, rawRuns);
    const floor = summary(loads.floor, rawRuns);

    // A customer with 10,000 events, written straight to the service's own store: the summaries
    // are personal data, so they are sealed, and its first command unseals them all.
    const store = app.get<EventStore>(EVENT_STORE);
    const long = 'customer-bench-long';
    await store.append(long, [{ type: 'CustomerRegistered', data: { customerId: 'bench-long', kind: 'organization', name: 'Long history' } }], 'no_stream');
    for (let v = 1; v < longStreamEvents; v += 100) {
      const events: NewEvent[] = Array.from({ length: 100 }, (_, i) => ({
        type: 'InteractionRecorded',
        data: { channel: 'visit', direction: 'outbound', purpose: 'care', summary: `visit ${v + i}` },
      }));
      await store.append(long, events, v - 1);
      if ((v + 99) % 2000 === 0) progress('writing a 10,000-event stream', v + 99, longStreamEvents);
    }
    // Its first command after the start folds the stream once; then one client records on it under the same load.
    const firstOnLong = await post('/v1/customers/bench-long/purchases', purchase('SO-long-first'));
    progress(`${clients} clients x ${purchasesPerClient}, one of them on the 10,000-event customer`, 0, 1);
    const underLoad = await load(targets.service, purchasesPerClient, 'long', 'bench-long');
    progress(`${clients} clients x ${purchasesPerClient}, one of them on the 10,000-event customer`, 1, 1);
    const longLatencies = [...underLoad.dedicatedLatenciesMs!].sort((a, b) => a - b);

    const result = {
      clients,
      ...service,
      raw8ConcurrentInsertsPerSecond: Math.round(raw),
      floor,
      longStream: {
        events: longStreamEvents,
        firstCommandMs: Number(firstOnLong.toFixed(1)),
        /** Latencies of the one client (of 32) that records all its purchases on it. */
        clientsUnderLoad: clients,
        p50Ms: Number(percentile(longLatencies, 50).toFixed(1)),
        p99Ms: Number(percentile(longLatencies, 99).toFixed(1)),
      },
    };
    console.log('\nRecording a purchase over HTTP (one durable PostgreSQL; clients in a worker thread, all on the same 2 cores)');
    console.table({
      [`${clients} clients`]: { 'per s': service.purchasesPerSecond, 'x raw 8-conc. inserts': service.ratioToRaw, 'p50 ms': service.p50Ms, 'p99 ms': service.p99Ms },
      [`floor: bare Fastify + store`]: { 'per s': floor.purchasesPerSecond, 'x raw 8-conc. inserts': floor.ratioToRaw, 'p50 ms': floor.p50Ms, 'p99 ms': floor.p99Ms },
      [`${longStreamEvents}-event customer (1 of ${clients} clients)`]: { 'per s': '', 'x raw 8-conc. inserts': '', 'p50 ms': result.longStream.p50Ms, 'p99 ms': result.longStream.p99Ms },
    });
    console.log(`raw 8-concurrent single-row inserts: ${result.raw8ConcurrentInsertsPerSecond}/s; first command on the long stream (cold): ${result.longStream.firstCommandMs} ms`);
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'commands.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('written to bench/results/commands.json');
  } finally {
    client.close();
    await sql.end();
    await app.close();
    await server.stop();
  }
}
