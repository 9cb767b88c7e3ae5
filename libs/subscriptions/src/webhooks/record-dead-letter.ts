import type { SqlQueryable } from '@crm/event-store';
import { attemptParams, logColumns, type Attempt } from './attempt';

/** The last attempt failed: the delivery becomes a dead letter (its stream goes on with the next event), logged. */
export async function recordDeadLetter(db: SqlQueryable, webhookId: string, attempt: Attempt): Promise<void> {
  await db.query(
    `with dead as (
       delete from crm_webhook_pending where webhook_id = $1 and position = $2 returning event_id, stream_id
     ), buried as (
       insert into crm_webhook_dead_letters (webhook_id, position, event_id, stream_id, attempts, last_error)
       select $1, $2, event_id, stream_id, $3, $5 from dead
       on conflict (webhook_id, position) do update set attempts = excluded.attempts, last_error = excluded.last_error, dead_at = now()
     )
     insert into crm_webhook_deliveries (${logColumns})
     select $1, $2, event_id, stream_id, $3, 'dead-lettered', $4, $5, $6, $7 from dead`,
    attemptParams(webhookId, attempt),
  );
}
