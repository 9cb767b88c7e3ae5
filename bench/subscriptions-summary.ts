import type { RssTrace } from './process-rss';

type Latency = { p50Ms: number; p99Ms: number };

/** bench/results/subscriptions.json: the keys first, then what explains them. */
export interface SubscriptionsResult {
  events: number;
  catchUp: {
    eventsPerSecond: number;
    rawCursorEventsPerSecond: number;
    ratio: number;
    emmettEventsPerSecond: number;
    ratioToEmmett: number;
    seconds: number;
    rawCursorBefore: number;
    rawCursorAfter: number;
    emmettEventsTimed: number;
    emmettSeconds: number;
    serviceRssMiB: RssTrace;
  };
  live: {
    sseP99Ms: number;
    webhookP99Ms: number;
    natsP99Ms: number;
    appendPerSecond: number;
    sseP50Ms: number;
    webhookP50Ms: number;
    natsP50Ms: number;
    appendP50Ms: number;
    appendP99Ms: number;
    eventsMeasured: number;
    missing: { sse: number; webhook: number; nats: number };
    refused: number;
    warmUp: { seconds: number } & Record<string, Latency | number>;
    serviceRssMiB: RssTrace;
    webhookDeliveriesPerSecond: number;
    benchEventLoopDelayP99Ms: number;
  };
  natsPublisherCatchUp: { events: number; secondsFromServiceStart: number; eventsPerSecond: number };
  setup: { loadSeconds: number; emmettCopySeconds: number; projections: string; liveCustomers: number };
  targets: { ratio: number; ratioToEmmett: number; sseP99Ms: number; webhookP99Ms: number; natsP99Ms: number };
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

export function summarize(r: SubscriptionsResult): void {
  const { catchUp: c, live: l, targets: t } = r;
  console.log(`\nSubscriptions over ${r.events} events of the demo's shape (one durable PostgreSQL, shared 2-core machine, read models off)`);
  console.log(
    `load ${r.setup.loadSeconds} s; SSE catch-up ${c.seconds} s; raw cursor ${c.rawCursorBefore}/s before it, ${c.rawCursorAfter}/s after; ` +
      `Emmett: ${c.emmettEventsTimed} events in ${c.emmettSeconds} s (its copy of the store took ${r.setup.emmettCopySeconds} s)`,
  );
  console.table({
    'SSE catch-up, events/s': { value: c.eventsPerSecond, target: '', verdict: '' },
    'raw cursor, events/s': { value: c.rawCursorEventsPerSecond, target: '', verdict: '' },
    'SSE / raw': { value: c.ratio, target: `>= ${t.ratio}`, verdict: verdict(c.ratio >= t.ratio) },
    "Emmett's consumer, events/s": { value: c.emmettEventsPerSecond, target: '', verdict: '' },
    'SSE / Emmett': { value: c.ratioToEmmett, target: `>= ${t.ratioToEmmett}`, verdict: verdict(c.ratioToEmmett >= t.ratioToEmmett) },
    'live appends/s (HTTP)': { value: l.appendPerSecond, target: '~1000', verdict: '' },
    'append -> SSE p99, ms': { value: l.sseP99Ms, target: `< ${t.sseP99Ms}`, verdict: verdict(l.sseP99Ms < t.sseP99Ms && l.missing.sse === 0) },
    'append -> webhook p99, ms': { value: l.webhookP99Ms, target: `< ${t.webhookP99Ms}`, verdict: verdict(l.webhookP99Ms < t.webhookP99Ms && l.missing.webhook === 0) },
    'append -> NATS p99, ms': { value: l.natsP99Ms, target: `< ${t.natsP99Ms}`, verdict: verdict(l.natsP99Ms < t.natsP99Ms && l.missing.nats === 0) },
  });
  const rss = c.serviceRssMiB;
  console.log(`service RSS during the catch-up: ${rss.atStartMiB} MiB at the start, ${rss.peakMiB} MiB at the peak, ${rss.atEndMiB} MiB at the end; by tenth: ${rss.byTenthMiB.join(', ')}`);
  console.log(
    `live: ${l.eventsMeasured} events measured (p50: SSE ${l.sseP50Ms} ms, webhook ${l.webhookP50Ms} ms, NATS ${l.natsP50Ms} ms; ` +
      `the POST itself p50 ${l.appendP50Ms} ms, p99 ${l.appendP99Ms} ms), ${l.refused} appends refused, ` +
      `never arrived: SSE ${l.missing.sse}, webhook ${l.missing.webhook}, NATS ${l.missing.nats}; the webhook's receiver took ${l.webhookDeliveriesPerSecond}/s; ` +
      `the bench's event loop delay p99 ${l.benchEventLoopDelayP99Ms} ms`,
  );
  const n = r.natsPublisherCatchUp;
  console.log(`NATS publisher: caught up on ${n.events} events ${n.secondsFromServiceStart} s after the service started (${n.eventsPerSecond}/s)`);
}
