import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { openRuntime, type Runtime } from '@crm/application';
import { startPostgres } from '@crm/ephemeral-postgres';
import { testMasterKey, testSigningKey } from '@crm/testing';
import { demoPlan, loadCustomers } from './demo-load';
import { measureLiveLag } from './live-lag';
import { rawCursorRate, rssGrowth, timedRebuild, untilCaughtUp, writeFloorSeconds } from './rebuild-timing';
import { measureRoutes, type RouteLatency } from './route-latency';
import { startService } from './service-process';
import { latencySummary } from './stats';

/**
 * Issue 17's targets, side by side on one durable PostgreSQL over the demo's data: the rebuild
 * of every read model against a bare cursor over the same events, the live lag while 1,000
 * events/s are appended, and the read routes' latency at now and at a past asOf.
 * BENCH_PROJECTION_EVENTS scales the run (default 1,000,000 events).
 */
const liveRate = 1000;
const liveSeconds = 30;
/** Appended live first and not measured, as the commands bench warms up: V8 optimises the write path and the lane (steady state, not start-up). */
const warmUpSeconds = 5;
const adminKey = 'bench-admin-key-0123456789';
const targets = { ratio: 0.5, rssMiB: 256, lagP99Ms: 200, routeNowP99Ms: 250, routePastP99Ms: 1000 };

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

export async function runProjectionsBenchmark(): Promise<void> {
  const events = Number(process.env.BENCH_PROJECTION_EVENTS ?? 1_000_000);
  if (!Number.isInteger(events) || events < 1000) throw new Error(`BENCH_PROJECTION_EVENTS must be a whole number of at least 1000, not ${process.env.BENCH_PROJECTION_EVENTS}`);
  process.stderr.write(`projections: starting a durable PostgreSQL server for ${events} events...\n`);
  const server = await startPostgres({ durable: true });
  // The catalog and the raw cursor on connections of their own, beside the runtime's pool.
  const watch = postgres(server.url, { max: 1, onnotice: () => undefined });
  const raw = postgres(server.url, { max: 1, onnotice: () => undefined });
  try {
    const measured = await inProcess(server.url, watch, raw, events);
    const service = await startService(server.url, adminKey);
    const routes = await measureRoutes(service.url, adminKey, measured.customerIds, measured.pastAsOf).finally(() => service.stop());
    const result = resultOf(measured, routes);
    summarize(result, measured.run);
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'projections.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('written to bench/results/projections.json');
  } finally {
    await watch.end();
    await raw.end();
    await server.stop();
  }
}

/** The demo's data loaded; what is left of it in memory is only what is appended live (the rest would weigh on the resident set). */
async function loadDemo(runtime: Runtime, events: number) {
  const plan = demoPlan(events, liveRate * (warmUpSeconds + liveSeconds));
  const started = performance.now();
  const loaded = await loadCustomers(runtime, plan.load);
  const loadSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`loaded ${loaded.events} events of ${plan.load.length} customers in ${loadSeconds.toFixed(1)} s\n`);
  return { loaded, customerIds: plan.load.map((c) => c.customerId), live: plan.live, loadSeconds };
}

/** Load, first build, raw cursor, rebuilds and live lag, with the daemon in this process (as in the service). */
async function inProcess(url: string, watch: postgres.Sql, raw: postgres.Sql, events: number) {
  const runtime = await openRuntime({ databaseUrl: url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey });
  try {
    const { loaded, customerIds, live, loadSeconds } = await loadDemo(runtime, events);

    const daemon = runtime.projections;
    const names = daemon.projections.map((p) => p.name);
    await daemon.start();
    const firstBuildSeconds = await untilCaughtUp(watch, 'first build of the read models');
    const [{ count }] = await raw<{ count: string }[]>`select count(*)::text as count from crm_events`;
    const inAll = Number(count);

    // The raw rate is read before and after the rebuild, so that the machine's drift falls on both sides.
    const rawBefore = await rawCursorRate(raw, inAll, 'raw cursor over $all (before)');
    const rss = rssGrowth();
    const allSeconds = await timedRebuild(daemon, watch, 'all', `rebuilding all ${names.length} read models`);
    const peakRssGrowthMiB = rss();
    const rawAfter = await rawCursorRate(raw, inAll, 'raw cursor over $all (after)');
    const floorSeconds = await writeFloorSeconds(url, daemon.projections, 'write floor: the rows copied in the server');

    const aloneEventsPerSecond = new Map<string, number>();
    for (const name of names) aloneEventsPerSecond.set(name, inAll / (await timedRebuild(daemon, watch, name, `rebuilding ${name} alone`)));

    await untilCaughtUp(watch, 'live lanes caught up');
    const warmUp = await measureLiveLag(runtime, watch, live.splice(0, liveRate * warmUpSeconds), liveRate, warmUpSeconds);
    const lag = await measureLiveLag(runtime, watch, live, liveRate, liveSeconds);
    return {
      inAll,
      names,
      customerIds,
      pastAsOf: new Date((loaded.firstOccurredAt + loaded.lastOccurredAt) / 2).toISOString(),
      rebuildRate: inAll / allSeconds,
      rawRate: (rawBefore + rawAfter) / 2,
      floorRate: inAll / floorSeconds,
      peakRssGrowthMiB,
      aloneEventsPerSecond,
      lag,
      warmUp,
      run: { loadSeconds, firstBuildSeconds, allSeconds, rawBefore, rawAfter, floorSeconds },
    };
  } finally {
    await runtime.close();
  }
}

/** bench/results/projections.json: the keys, with the event count and each projection's figures beside them. */
function resultOf(m: Awaited<ReturnType<typeof inProcess>>, routes: RouteLatency[]) {
  return {
    events: m.inAll,
    rebuild: {
      eventsPerSecond: round(m.rebuildRate),
      rawCursorEventsPerSecond: round(m.rawRate),
      ratio: round(m.rebuildRate / m.rawRate, 2),
      peakRssGrowthMiB: round(m.peakRssGrowthMiB, 1),
    },
    // What PostgreSQL alone needs to write the rebuilt rows (rebuild-timing.ts): the most any rebuild of these read models can reach here.
    rebuildWriteFloor: { eventsPerSecond: round(m.floorRate), ratioToRaw: round(m.floorRate / m.rawRate, 2) },
    lag: { appendPerSecond: round(m.lag.appendPerSecond), ...latencySummary(m.lag.lagsMs) },
    routes,
    perProjection: m.names.map((name) => ({
      name,
      rebuildAloneEventsPerSecond: round(m.aloneEventsPerSecond.get(name)!),
      lag: latencySummary(m.lag.byProjection.get(name)!),
    })),
    liveWarmUp: { seconds: warmUpSeconds, ...latencySummary(m.warmUp.lagsMs) },
    liveEventsMeasured: m.lag.lagsMs.length,
    liveAppendsRefused: m.lag.refused,
  };
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function summarize(r: ReturnType<typeof resultOf>, run: Awaited<ReturnType<typeof inProcess>>['run']): void {
  console.log(`\nProjections over ${r.events} events of the demo's shape (one durable PostgreSQL, shared 2-core machine)`);
  console.log(
    `load ${run.loadSeconds.toFixed(1)} s; first build of every read model ${run.firstBuildSeconds.toFixed(1)} s; ` +
      `rebuild of all ${run.allSeconds.toFixed(1)} s; raw cursor ${round(run.rawBefore)}/s before it, ${round(run.rawAfter)}/s after; ` +
      `the rebuilt rows copied in the server ${run.floorSeconds.toFixed(1)} s`,
  );
  console.table({
    'rebuild all, events/s': { value: r.rebuild.eventsPerSecond, target: '', verdict: '' },
    'raw cursor, events/s': { value: r.rebuild.rawCursorEventsPerSecond, target: '', verdict: '' },
    'rebuild / raw': { value: r.rebuild.ratio, target: `>= ${targets.ratio}`, verdict: verdict(r.rebuild.ratio >= targets.ratio) },
    'write floor / raw': { value: r.rebuildWriteFloor.ratioToRaw, target: 'the most a rebuild can reach', verdict: '' },
    'peak RSS growth, MiB': { value: r.rebuild.peakRssGrowthMiB, target: `< ${targets.rssMiB}`, verdict: verdict(r.rebuild.peakRssGrowthMiB < targets.rssMiB) },
    'live appends/s': { value: r.lag.appendPerSecond, target: `~${liveRate}`, verdict: '' },
    'live lag p50, ms': { value: r.lag.p50Ms, target: '', verdict: '' },
    'live lag p99, ms': { value: r.lag.p99Ms, target: `< ${targets.lagP99Ms}`, verdict: verdict(r.lag.p99Ms < targets.lagP99Ms) },
  });
  console.log(
    `live: ${r.liveEventsMeasured} events measured, ${r.liveAppendsRefused} appends refused, the checkpoints read every 5 ms; ` +
      `the ${r.liveWarmUp.seconds} s before (not measured): lag p50 ${r.liveWarmUp.p50Ms} ms, p99 ${r.liveWarmUp.p99Ms} ms`,
  );
  console.table(
    Object.fromEntries(
      r.perProjection.map((p) => [
        p.name,
        {
          'rebuilt alone, events/s': p.rebuildAloneEventsPerSecond,
          'x raw': round(p.rebuildAloneEventsPerSecond / r.rebuild.rawCursorEventsPerSecond, 2),
          'live lag p50 ms': p.lag.p50Ms,
          'live lag p99 ms': p.lag.p99Ms,
        },
      ]),
    ),
  );
  console.table(
    r.routes.map((route) => {
      const limit = route.asOf === 'now' ? targets.routeNowP99Ms : targets.routePastP99Ms;
      return { route: route.route, asOf: route.asOf, requests: route.requests, 'p50 ms': route.p50Ms, 'p99 ms': route.p99Ms, target: `< ${limit}`, verdict: verdict(route.p99Ms < limit) };
    }),
  );
}
