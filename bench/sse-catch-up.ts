import { traceRss, type RssTrace } from './process-rss';
import { percentProgress } from './progress';
import type { RunningService } from './service-process';
import { openEventStream, sseMessages } from './sse-reader';

export interface SseCatchUp {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** The service's resident set while it streamed. */
  serviceRss: RssTrace;
}

/**
 * One SSE consumer reads `GET /v1/events/live?from=1` until it has the event at `head`: every
 * message's envelope is parsed, as a consumer would, and counted. The clock runs from the
 * request to the head's message.
 */
export async function sseCatchUp(service: RunningService, key: string, head: number, events: number): Promise<SseCatchUp> {
  const show = percentProgress(`SSE catch-up over ${events} events`);
  const rss = traceRss(service.pid);
  const abort = new AbortController();
  let read = 0;
  let last = 0;
  const started = performance.now();
  try {
    const body = await openEventStream(`${service.url}/v1/events/live?from=1`, key, abort.signal);
    for await (const messages of sseMessages(body)) {
      for (const message of messages) {
        if (message.event === 'dropped') throw new Error(`the service dropped the consumer: ${message.data}`);
        const { position } = JSON.parse(message.data) as { position: number };
        if (position <= last) throw new Error(`position ${position} came after ${last}`);
        last = position;
        read++;
      }
      show(read / events);
      rss.progress(read / events);
      if (last >= head) break;
    }
    const seconds = (performance.now() - started) / 1000;
    if (last < head) throw new Error(`the stream ended at position ${last}, before the head ${head}`);
    return { events: read, seconds, eventsPerSecond: read / seconds, serviceRss: rss.stop() };
  } finally {
    abort.abort();
    rss.stop();
  }
}
