import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent, EventStore } from '../event-store';

/** What the port contract needs from an adapter under test: the port and nothing else. */
export interface EventStoreAdapter {
  name: string;
  /** A fresh, empty store. */
  open(): Promise<OpenedEventStore>;
}

export interface OpenedEventStore {
  store: EventStore;
  /** Closes the store and removes what it stored. */
  dispose(): Promise<void>;
}

export function streamName(prefix = 'customer'): string {
  return `${prefix}-${randomUUID()}`;
}

export function someEvent(n = 0, extra: Partial<NewEvent> = {}): NewEvent {
  return { type: 'InteractionRecorded', data: { n, channel: 'call', summary: `call ${n}` }, ...extra };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Follows `$all` live from its beginning, recording everything it is handed, until stopped. */
export function follow(store: EventStore) {
  const controller = new AbortController();
  const seen: RecordedEvent[] = [];
  const done = (async () => {
    for await (const event of store.subscribe({ signal: controller.signal, idlePollMs: 2 })) seen.push(event);
  })();
  return {
    seen,
    /** Waits until `predicate` holds for what was seen, or fails after `ms`. */
    async until(predicate: (seen: RecordedEvent[]) => boolean, ms = 20000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!predicate(seen)) {
        if (Date.now() > deadline) throw new Error(`subscriber did not get there within ${ms} ms; it saw ${seen.length} events`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async stop(): Promise<void> {
      controller.abort();
      await done;
    },
  };
}

/** In order, each once; the port promises no more (positions need not be dense). */
export function positionsStrictlyIncrease(events: RecordedEvent[]): boolean {
  return events.every((e, i) => i === 0 || e.position > events[i - 1].position);
}
