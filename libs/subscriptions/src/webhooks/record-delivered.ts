import type { SqlQueryable } from '@crm/event-store';
import { attemptParams, logColumns, type Attempt } from './attempt';

/** The receiver took it (2xx): the delivery is done, and logged. */
export async function recordDelivered(db: SqlQueryable, webhookId: string, attempt: Attempt): Promise<void> {
  await db.query(
    `with done as (
       delete from crm_webhook_pending where webhook_id = $1 and position = $2 returning event_id, stream_id
     )
     insert into crm_webhook_deliveries (${logColumns})
     select $1, $2, event_id, stream_id, $3, 'delivered', $4, $5, $6, $7 from done`,
    attemptParams(webhookId, attempt),
  );
}
