import type { SqlQueryable } from '@crm/event-store';
import { attemptParams, logColumns, type Attempt } from './attempt';

/** The attempt failed and another follows after `retryInMs`: counted, scheduled and logged. */
export async function recordFailed(db: SqlQueryable, webhookId: string, attempt: Attempt, retryInMs: number): Promise<void> {
  await db.query(
    `with failed as (
       update crm_webhook_pending set attempts = $3, next_attempt_at = now() + $8 * interval '1 millisecond'
       where webhook_id = $1 and position = $2 returning event_id, stream_id, next_attempt_at
     )
     insert into crm_webhook_deliveries (${logColumns}, next_attempt_at)
     select $1, $2, event_id, stream_id, $3, 'failed', $4, $5, $6, $7, next_attempt_at from failed`,
    [...attemptParams(webhookId, attempt), retryInMs],
  );
}
