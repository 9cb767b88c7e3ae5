import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, SqlQueryable } from '@crm/event-store';
import { activePosition, leaseHolder } from '@crm/projections';

/**
 * Waits, briefly, until a read model holds what was written before the read, so that a client
 * reading right after its write sees it. A projection that no process applies does not hold
 * the read up at all, one far behind for no longer than `maxWaitMs`: the answer is then as of
 * its checkpoint.
 */
export async function awaitVersion(db: SqlQueryable, projection: string, held: () => Promise<number>, version: number, maxWaitMs = 2_000): Promise<void> {
  if ((await held()) >= version || (await leaseHolder(db, projection)) === null) return;
  const until = Date.now() + maxWaitMs;
  while ((await held()) < version && Date.now() < until) await sleep(5);
}

/** awaitVersion on each projection's checkpoint, side by side: caught up with the head of `$all` as the read began. */
export async function awaitProjections(db: SqlQueryable, store: EventStore, ...projections: readonly string[]): Promise<void> {
  const head = await store.headPosition();
  await Promise.all(projections.map((projection) => awaitVersion(db, projection, () => activePosition(db, projection), head)));
}
