import type { SqlQueryable } from '@crm/event-store';

export interface PendingDelivery {
  position: number;
  event_id: string;
  stream_id: string;
  /** Attempts made so far. */
  attempts: number;
}

export interface NextDeliveries {
  due: PendingDelivery[];
  /** How long until the soonest stream not due now is (a retry's wait); null when none waits. */
  waitMs: number | null;
}

/**
 * Up to `max` deliveries to attempt now, the oldest first: of each stream not in `busy` only its
 * earliest pending one past those in `taken` (delivered, their record on its way), and only when
 * its attempt is due. A stream whose earliest waits for a retry waits with it: a stream's next
 * event never overtakes the one before. Read in one statement.
 */
export async function nextDeliveries(db: SqlQueryable, id: string, busy: readonly string[], taken: readonly number[], max: number): Promise<NextDeliveries> {
  const rows = await db.query<PendingDelivery & { wait_ms: number | null }>(
    `with earliest as (
       select distinct on (stream_id) position, event_id, stream_id, attempts, next_attempt_at
       from crm_webhook_pending where webhook_id = $1 and stream_id <> all($2::text[]) and position <> all($4::bigint[])
       order by stream_id, position
     ), due as (
       select position, event_id, stream_id, attempts from earliest where next_attempt_at <= now() order by position limit $3
     )
     select position::float8 as position, event_id::text as event_id, stream_id, attempts, null::float8 as wait_ms from due
     union all
     select null, null, null, null, (extract(epoch from min(next_attempt_at) - now()) * 1000)::float8 from earliest where next_attempt_at > now()`,
    [id, busy, max, taken],
  );
  const wait = rows.find((r) => r.position === null);
  return { due: rows.filter((r) => r.position !== null), waitMs: wait?.wait_ms ?? null };
}
