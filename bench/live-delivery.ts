import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { NatsConnection } from 'nats';
import { channels, DeliveryClock, markerOf, type Channel } from './delivery-clock';
import { paceAppends } from './live-appends';
import { followNatsEvents } from './nats-receiver';
import { traceRss } from './process-rss';
import { postJson } from './service-calls';
import type { RunningService } from './service-process';
import { openEventStream, sseMessages } from './sse-reader';
import { latencySummary } from './stats';
import { startWebhookReceiver } from './webhook-receiver';

export interface LivePlan {
  rate: number;
  /** Appended first and not measured: V8 optimises the paths, the webhook's dispatcher finds its new webhook. */
  warmUpSeconds: number;
  seconds: number;
  /** The customers the interactions are recorded on (registered). */
  customers: readonly string[];
}

/** The period of the timer that samples this process's event loop delay. */
const loopResolutionMs = 2;
/** Events the channels have left after the last append's answer before the bench gives up on them (they count as missing). */
const drainMs = 60_000;

/**
 * Appends `rate` interactions per second over HTTP while three subscribers of the service
 * receive them side by side: an SSE consumer of `GET /v1/events/live` (from now), a webhook
 * to a receiver in this process, and a plain subscriber of the NATS subjects. Each event's
 * lag per channel runs from just before its POST to its arrival, matched by its correlation id.
 */
export async function measureLiveDelivery(service: RunningService, adminKey: string, integratorKey: string, nc: NatsConnection, plan: LivePlan) {
  const clock = new DeliveryClock();
  const receiver = await startWebhookReceiver((envelope, at) => clock.arrived('webhook', envelope, at));
  const abort = new AbortController();
  const stopNats = followNatsEvents(nc, (envelope, at) => clock.arrived('nats', envelope, at));
  const loopDelay = monitorEventLoopDelay({ resolution: loopResolutionMs });
  try {
    await postJson(service.url, integratorKey, '/v1/webhooks', { url: receiver.url });
    // Open before the first append: the service fixes where a live stream without `from` begins as it answers.
    const sseBody = await openEventStream(`${service.url}/v1/events/live`, integratorKey, abort.signal);
    const sse = followSse(sseBody, abort.signal, (envelope, at) => clock.arrived('sse', envelope, at));
    sse.catch(() => undefined); // reported by the race below, once the appends are done
    const rss = traceRss(service.pid);
    loopDelay.enable();
    const total = plan.rate * (plan.warmUpSeconds + plan.seconds);
    const port = Number(new URL(service.url).port);
    const appends = await paceAppends(port, `Bearer ${adminKey}`, plan.customers, plan.rate, total, markerOf, clock.sending, clock.forget);
    await Promise.race([clock.drained(drainMs), sse]);
    loopDelay.disable();
    const measuredFrom = plan.rate * plan.warmUpSeconds;
    const byChannel = Object.fromEntries(
      channels.map((channel) => [channel, { ...latencySummary(clock.lagsMs(channel, measuredFrom)), missing: clock.missing(channel) }]),
    ) as Record<Channel, { p50Ms: number; p99Ms: number; missing: number }>;
    return {
      appendPerSecond: Math.round(appends.appendPerSecond),
      append: latencySummary(appends.appendMs),
      refused: appends.refused,
      eventsMeasured: total - measuredFrom,
      ...byChannel,
      warmUp: Object.fromEntries(channels.map((channel) => [channel, latencySummary(clock.lagsMs(channel, 0, measuredFrom))])),
      serviceRss: rss.stop(),
      /** Deliveries the webhook's receiver took per second, from its first measured one to its last: the dispatcher's pace. */
      webhookDeliveriesPerSecond: Math.round(clock.arrivalRate('webhook', measuredFrom)),
      /** The bench's own event loop (it receives all three channels): a delay here is added to every lag. The histogram counts the timer's period in. */
      benchEventLoopDelayP99Ms: Math.round((loopDelay.percentile(99) / 1e6 - loopResolutionMs) * 100) / 100,
    };
  } finally {
    abort.abort();
    stopNats();
    await receiver.close();
  }
}

/** An SSE consumer in the background; the promise fails only if the stream does before it is aborted. */
function followSse(body: ReadableStream<Uint8Array>, signal: AbortSignal, onEnvelope: (envelope: unknown, at: number) => void): Promise<never> {
  return (async (): Promise<never> => {
    try {
      for await (const messages of sseMessages(body)) {
        const at = performance.now();
        for (const message of messages) {
          if (message.event === 'dropped') throw new Error(`the service dropped the live SSE consumer: ${message.data}`);
          onEnvelope(JSON.parse(message.data), at);
        }
      }
      throw new Error('the live SSE stream ended');
    } catch (error) {
      if (signal.aborted) return new Promise<never>(() => undefined);
      throw error;
    }
  })();
}
