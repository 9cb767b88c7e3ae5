import type { ServerResponse } from 'node:http';
import type { RecordedEvent } from '@crm/event-store';
import { droppedMessage, eventMessage, heartbeatMessage } from '@crm/subscriptions';

export interface EventStreamSettings {
  /** Longest quiet time between two messages: a `: ping` comment is sent then. */
  heartbeatMs: number;
  /** How long a consumer that reads nothing may hold the stream paused before it is dropped. */
  slowConsumerMs: number;
}

/**
 * Writes `$all` to one SSE consumer, a page at a time (one write each). Memory stays bounded
 * whatever the consumer does: once the socket's buffer is full, no further page is read until
 * it drains; a consumer that leaves it full for `slowConsumerMs` is sent the reason and dropped.
 */
export async function streamEvents(
  response: ServerResponse,
  pages: AsyncIterable<readonly RecordedEvent[]>,
  abort: AbortController,
  settings: EventStreamSettings,
): Promise<void> {
  let lastWrite = Date.now();
  const write = (text: string) => {
    lastWrite = Date.now();
    return response.write(text);
  };
  const heartbeat = setInterval(() => {
    if (Date.now() - lastWrite >= settings.heartbeatMs / 2 && response.writableLength === 0) write(heartbeatMessage);
  }, Math.max(10, settings.heartbeatMs / 2));
  try {
    write(heartbeatMessage); // the headers and a first byte go out at once
    for await (const page of pages) {
      if (write(page.map(eventMessage).join(''))) continue;
      if (!(await drained(response, settings.slowConsumerMs, abort.signal))) {
        if (!abort.signal.aborted) {
          response.end(droppedMessage(`This consumer read nothing for ${settings.slowConsumerMs} ms while events waited: dropped. Reconnect with Last-Event-ID to resume.`));
          abort.abort();
        }
        return;
      }
    }
  } finally {
    clearInterval(heartbeat);
    if (!response.writableEnded) response.end();
  }
}

function drained(response: ServerResponse, withinMs: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      response.off('drain', onDrain);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(false), withinMs);
    response.once('drain', onDrain);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
