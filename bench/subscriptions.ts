import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { openRuntime } from '@crm/application';
import { startNats } from '@crm/ephemeral-nats';
import { startPostgres } from '@crm/ephemeral-postgres';
import { testMasterKey, testSigningKey } from '@crm/testing';
import { demoPlan, loadCustomers } from './demo-load';
import { copyIntoEmmett, emmettCatchUp, emmettStore } from './emmett-catch-up';
import { measureLiveDelivery } from './live-delivery';
import { connectNats, untilPublished } from './nats-receiver';
import { progress } from './progress';
import { rawCursorRate } from './rebuild-timing';
import { issueIntegratorKey, postJson } from './service-calls';
import { startService } from './service-process';
import { sseCatchUp } from './sse-catch-up';
import { summarize, type SubscriptionsResult } from './subscriptions-summary';

/**
 * `npm run bench -- subscriptions`: issue 19's targets side by side on one durable PostgreSQL
 * over the demo's data (BENCH_SUBSCRIPTION_EVENTS, default 1,000,000 events): one SSE
 * consumer's catch-up on the built service against a bare cursor over the same rows and
 * against Emmett's consumer over a copy of them, then the lag of SSE, a webhook and NATS
 * while 1,000 events/s are appended over HTTP; into bench/results/subscriptions.json.
 */
const adminKey = 'bench-admin-key-0123456789';
export const targets = { ratio: 0.7, ratioToEmmett: 20, sseP99Ms: 50, webhookP99Ms: 200, natsP99Ms: 50 };
const live = { rate: 1000, warmUpSeconds: 5, seconds: 30 };
/** Emmett's consumer delivers a few hundred events a second with its defaults: it is timed on the first of them. */
const emmettSample = { events: 20_000, seconds: 60 };
const liveCustomers = 200;
/**
 * The read models stay off in the service (a writing node's `CRM_PROJECTIONS=off`): applying a
 * million events would take the machine's two cores from what is measured here.
 */
const serviceEnv = { CRM_PROJECTIONS: 'off' };
/** The NATS publisher catches up on the whole store before the live phase; beyond this the bench fails. */
const natsCatchUpMs = 20 * 60_000;

export async function runSubscriptionsBenchmark(): Promise<void> {
  const events = Number(process.env.BENCH_SUBSCRIPTION_EVENTS ?? 1_000_000);
  if (!Number.isInteger(events) || events < 1000) throw new Error(`BENCH_SUBSCRIPTION_EVENTS must be a whole number of at least 1000, not ${process.env.BENCH_SUBSCRIPTION_EVENTS}`);
  process.stderr.write(`subscriptions: starting a durable PostgreSQL server for ${events} events...\n`);
  const server = await startPostgres({ durable: true });
  const sql = postgres(server.url, { max: 1, onnotice: () => undefined });
  try {
    const loadSeconds = await loadDemo(server.url, events);
    const stored = await storedEvents(sql);
    const catchUp = await measureCatchUp(server.url, sql, stored);
    const emmett = await measureEmmett(server.url, sql, stored.count);
    const { natsPublisher, ...delivery } = await measureLive(server.url, sql);
    const result: SubscriptionsResult = {
      events: stored.count,
      catchUp: {
        eventsPerSecond: Math.round(catchUp.sse.eventsPerSecond),
        rawCursorEventsPerSecond: Math.round(catchUp.rawRate),
        ratio: round(catchUp.sse.eventsPerSecond / catchUp.rawRate, 2),
        emmettEventsPerSecond: Math.round(emmett.eventsPerSecond),
        ratioToEmmett: round(catchUp.sse.eventsPerSecond / emmett.eventsPerSecond, 1),
        seconds: round(catchUp.sse.seconds, 1),
        rawCursorBefore: Math.round(catchUp.rawBefore),
        rawCursorAfter: Math.round(catchUp.rawAfter),
        emmettEventsTimed: emmett.events,
        emmettSeconds: round(emmett.seconds, 1),
        serviceRssMiB: catchUp.sse.serviceRss,
      },
      live: {
        sseP99Ms: delivery.sse.p99Ms,
        webhookP99Ms: delivery.webhook.p99Ms,
        natsP99Ms: delivery.nats.p99Ms,
        appendPerSecond: delivery.appendPerSecond,
        sseP50Ms: delivery.sse.p50Ms,
        webhookP50Ms: delivery.webhook.p50Ms,
        natsP50Ms: delivery.nats.p50Ms,
        appendP50Ms: delivery.append.p50Ms,
        appendP99Ms: delivery.append.p99Ms,
        eventsMeasured: delivery.eventsMeasured,
        missing: { sse: delivery.sse.missing, webhook: delivery.webhook.missing, nats: delivery.nats.missing },
        refused: delivery.refused,
        warmUp: { seconds: live.warmUpSeconds, ...delivery.warmUp },
        serviceRssMiB: delivery.serviceRss,
        webhookDeliveriesPerSecond: delivery.webhookDeliveriesPerSecond,
        benchEventLoopDelayP99Ms: delivery.benchEventLoopDelayP99Ms,
      },
      natsPublisherCatchUp: natsPublisher,
      setup: { loadSeconds: round(loadSeconds, 1), emmettCopySeconds: round(emmett.copySeconds, 1), projections: 'off', liveCustomers },
      targets,
    };
    summarize(result);
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'subscriptions.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('written to bench/results/subscriptions.json');
  } finally {
    await sql.end();
    await server.stop();
  }
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/** The demo's data through the deciders and the service's own store (personal data sealed), as bench/projections.ts loads it. */
async function loadDemo(url: string, events: number): Promise<number> {
  const runtime = await openRuntime({ databaseUrl: url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey });
  try {
    const plan = demoPlan(events, 0);
    const started = performance.now();
    const loaded = await loadCustomers(runtime, plan.load);
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`loaded ${loaded.events} events of ${plan.load.length} customers in ${seconds.toFixed(1)} s\n`);
    return seconds;
  } finally {
    await runtime.close();
  }
}

async function storedEvents(sql: postgres.Sql): Promise<{ count: number; head: number }> {
  const [row] = await sql<{ count: string; head: string }[]>`select count(*)::text as count, coalesce(max(position), 0)::text as head from crm_events`;
  return { count: Number(row.count), head: Number(row.head) };
}

/** The SSE catch-up on the service, between two reads of the raw cursor over the same rows (the machine's drift falls on both sides). */
async function measureCatchUp(url: string, sql: postgres.Sql, stored: { count: number; head: number }) {
  const rawBefore = await rawCursorRate(sql, stored.count, 'raw cursor over $all (before)');
  const service = await startService(url, adminKey, serviceEnv);
  const sse = await issueIntegratorKey(service.url, adminKey, 'bench-catch-up')
    .then((key) => sseCatchUp(service, key, stored.head, stored.count))
    .finally(() => service.stop());
  const rawAfter = await rawCursorRate(sql, stored.count, 'raw cursor over $all (after)');
  return { sse, rawBefore, rawAfter, rawRate: (rawBefore + rawAfter) / 2 };
}

/** The same rows copied into Emmett's store in the same database, and its consumer timed on the first of them. */
async function measureEmmett(url: string, sql: postgres.Sql, events: number) {
  const store = emmettStore(url);
  try {
    const started = performance.now();
    await copyIntoEmmett(store, sql, events);
    const copySeconds = (performance.now() - started) / 1000;
    return { ...(await emmettCatchUp(store, Math.min(events, emmettSample.events), emmettSample.seconds)), copySeconds };
  } finally {
    await store.close();
  }
}

/** A NATS server and the service publishing to it; once its publisher has caught up with the store, the live lag of the three channels. */
async function measureLive(url: string, sql: postgres.Sql) {
  const nats = await startNats();
  try {
    const service = await startService(url, adminKey, { ...serviceEnv, CRM_NATS_URL: nats.url });
    const listening = performance.now();
    const nc = await connectNats(nats.url);
    try {
      const customers = await registerCustomers(service.url);
      const integratorKey = await issueIntegratorKey(service.url, adminKey, 'bench-live');
      const { count } = await storedEvents(sql);
      await untilPublished(nc, count, natsCatchUpMs);
      const seconds = (performance.now() - listening) / 1000;
      const natsPublisher = { events: count, secondsFromServiceStart: round(seconds, 1), eventsPerSecond: Math.round(count / seconds) };
      const delivery = await measureLiveDelivery(service, adminKey, integratorKey, nc, { ...live, customers });
      if (delivery.sse.missing + delivery.webhook.missing + delivery.nats.missing > 0) {
        process.stderr.write(`some live events never arrived; the service's last output:\n${service.output().slice(-4000)}\n`);
      }
      return { natsPublisher, ...delivery };
    } finally {
      await nc.close();
      await service.stop();
    }
  } finally {
    await nats.stop();
  }
}

/** The customers the live interactions are recorded on, registered over HTTP. */
async function registerCustomers(serviceUrl: string): Promise<string[]> {
  const ids = Array.from({ length: liveCustomers }, (_, i) => `bench-live-${i}`);
  for (const [i, customerId] of ids.entries()) {
    await postJson(serviceUrl, adminKey, '/v1/customers', { customerId, kind: 'organization', name: `Live ${i}` });
    if ((i + 1) % 50 === 0) progress('registering the live customers', i + 1, ids.length);
  }
  return ids;
}
