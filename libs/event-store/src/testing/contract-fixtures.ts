import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent, EventStore } from '../event-store';
import type { SqlClient } from '../sql/sql-client';
import { appendOneParameters, appendOneStatement } from '../sql/statements';

/** What the contract suite needs from an adapter under test. */
export interface ContractAdapter {
  name: string;
  /** A fresh, empty store. */
  open(): Promise<OpenedStore>;
}

export interface OpenedStore {
  store: EventStore;
  /** The store's own connection, for SQL the suite runs beside it. */
  client: SqlClient;
  /** Another store over the same connection, as another process would have one: it shares no memory with `store`. */
  another(): Promise<EventStore>;
  /** A second, independent connection to the same database; absent where the adapter has one connection only. */
  connect?: () => Promise<SqlClient>;
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

/** Follows `$all` live from position 1, recording everything it is handed, until stopped. */
export function follow(store: EventStore, types?: string[]) {
  const controller = new AbortController();
  const seen: RecordedEvent[] = [];
  const done = (async () => {
    for await (const event of store.subscribe({ from: 1, types, signal: controller.signal, idlePollMs: 2 })) seen.push(event);
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

/**
 * Appends inside a transaction that the test holds open, through the store's
 * own append statement: the position is drawn now, committed when `commit` runs.
 */
export async function heldAppend(client: SqlClient, streamId: string, beforeAppend?: string) {
  let release!: (commit: boolean) => void;
  const decision = new Promise<boolean>((resolve) => (release = resolve));
  let appended!: () => void;
  const drawn = new Promise<void>((resolve) => (appended = resolve));
  const rolledBack = new Error('rolled back by the test');
  const finished = client
    .transaction(async (tx) => {
      if (beforeAppend) await tx.query(beforeAppend);
      await tx.query(appendOneStatement, oneEvent(streamId, 'Held'));
      appended();
      if (!(await decision)) throw rolledBack;
    })
    .catch((error) => {
      if (error !== rolledBack) throw error;
    });
  await drawn;
  return {
    commit: async () => {
      release(true);
      await finished;
    },
    rollback: async () => {
      release(false);
      await finished;
    },
  };
}

/** Parameters of the store's own one-event append, for tests that drive transactions by hand. */
export function oneEvent(streamId: string, type: string, eventId: string = randomUUID()): unknown[] {
  return appendOneParameters(streamId, null, { eventId, type, schemaVersion: 1, dataJson: '{}', metadataJson: '{}', occurredAt: null });
}

export function positionsStrictlyIncrease(events: RecordedEvent[]): boolean {
  return events.every((e, i) => i === 0 || e.position > events[i - 1].position);
}
