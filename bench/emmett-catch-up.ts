import { MessageProcessor } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type postgres from 'postgres';
import { percentProgress } from './progress';

/** Appends under way at once while copying: Emmett's append is one round trip per stream. */
const appendsAtOnce = 4;

/** Emmett's PostgreSQL event store (its own tables, `emt_*`) in the same database as ours. */
export function emmettStore(url: string): PostgresEventStore {
  return getPostgreSQLEventStore(url, { schema: { autoMigration: 'CreateOrUpdate' } });
}

/**
 * Appends every event of `crm_events` to Emmett's store, as stored (type, data and metadata,
 * sealed personal data included, so its rows weigh what ours do): one append per customer's
 * history, in stream order.
 */
export async function copyIntoEmmett(store: PostgresEventStore, sql: postgres.Sql, events: number): Promise<number> {
  const show = percentProgress(`copying ${events} events into Emmett`);
  const inFlight = new Set<Promise<void>>();
  let copied = 0;
  const append = async (stream: string, batch: { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[]) => {
    await store.appendToStream(stream, batch);
    copied += batch.length;
    show(copied / events);
  };
  const send = async (stream: string, batch: Parameters<typeof append>[1]) => {
    const work = append(stream, batch).finally(() => inFlight.delete(work));
    inFlight.add(work);
    if (inFlight.size >= appendsAtOnce) await Promise.race(inFlight);
  };
  let stream = '';
  let batch: Parameters<typeof append>[1] = [];
  const cursor = sql<{ stream_id: string; type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[]>`
    select stream_id, type, data, metadata from crm_events order by stream_id, stream_version`.cursor(1000);
  for await (const rows of cursor) {
    for (const row of rows) {
      if (row.stream_id !== stream && batch.length > 0) {
        await send(stream, batch);
        batch = [];
      }
      stream = row.stream_id;
      batch.push({ type: row.type, data: row.data, metadata: row.metadata });
    }
  }
  if (batch.length > 0) await send(stream, batch);
  await Promise.all(inFlight);
  return copied;
}

export interface EmmettCatchUp {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * Emmett's consumer with its defaults (`eventStore.consumer()`, a reactor from the beginning)
 * and a processor that counts, until it counted `cap` events or `maxSeconds` went by.
 */
export async function emmettCatchUp(store: PostgresEventStore, cap: number, maxSeconds: number): Promise<EmmettCatchUp> {
  const show = percentProgress(`Emmett's consumer, first ${cap} events or ${maxSeconds} s`);
  const consumer = store.consumer();
  let counted = 0;
  let lastAt = 0;
  const started = performance.now();
  consumer.reactor({
    processorId: 'bench-subscriptions-count',
    eachMessage: async () => {
      counted++;
      lastAt = performance.now();
      const elapsed = (lastAt - started) / 1000;
      show(Math.max(counted / cap, elapsed / maxSeconds));
      // Stopped from within: stopping the consumer from outside waits on the batch under way.
      if (counted >= cap || elapsed >= maxSeconds) return MessageProcessor.result.stop({ reason: 'measured enough' });
    },
  });
  // Emmett stops when its processor says so; a consumer that never delivers is stopped after the limit.
  const limit = setTimeout(() => void consumer.stop(), (maxSeconds + 30) * 1000);
  try {
    await consumer.start();
  } finally {
    clearTimeout(limit);
    await consumer.stop();
  }
  show(1);
  if (counted === 0) throw new Error(`Emmett's consumer delivered nothing within ${maxSeconds + 30} s`);
  const seconds = (lastAt - started) / 1000;
  return { events: counted, seconds, eventsPerSecond: counted / seconds };
}
