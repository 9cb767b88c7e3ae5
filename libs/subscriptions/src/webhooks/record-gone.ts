import type { SqlQueryable } from '@crm/event-store';
import { attemptParams, logColumns, type Attempt } from './attempt';

/**
 * The receiver answered 410 Gone: the webhook is disabled with the reason, and the attempt
 * logged. Its pending deliveries stay as they are, none lost.
 */
export async function recordGone(db: SqlQueryable, webhookId: string, attempt: Attempt): Promise<void> {
  await db.query(
    `with disabled as (
       update crm_webhooks set disabled_at = now(), disabled_reason = $8 where id = $1 and disabled_at is null returning id
     )
     insert into crm_webhook_deliveries (${logColumns})
     select $1, $2, event_id, stream_id, $3, 'gone', $4, $5, $6, $7 from crm_webhook_pending where webhook_id = $1 and position = $2`,
    [...attemptParams(webhookId, attempt), `The receiver answered 410 Gone to the delivery of position ${attempt.position}.`],
  );
}
