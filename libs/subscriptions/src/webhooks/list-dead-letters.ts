import type { SqlQueryable } from '@crm/event-store';
import type { DeadLetter } from './webhook';

/** A page of the webhook's dead letters in position order: `limit` of them after position `after`. */
export async function listDeadLetters(db: SqlQueryable, id: string, limit: number, after = 0): Promise<DeadLetter[]> {
  const rows = await db.query<Omit<DeadLetter, 'deadAt'> & { deadAt: Date | string }>(
    `select event_id::text as "eventId", position::float8 as position, stream_id as "streamId", attempts, last_error as "lastError", dead_at as "deadAt"
     from crm_webhook_dead_letters where webhook_id = $1 and position > $2 order by position limit $3`,
    [id, after, limit],
  );
  return rows.map((r) => ({ ...r, deadAt: new Date(r.deadAt).toISOString() }));
}
