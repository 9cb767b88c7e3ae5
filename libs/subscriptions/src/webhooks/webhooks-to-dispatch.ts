import type { SqlQueryable } from '@crm/event-store';
import { webhookColumns, type WebhookRow } from './webhook-row';

export interface DispatchRow extends WebhookRow {
  pending: number;
}

/** The enabled webhooks with their pending counts, in one statement. */
export async function webhooksToDispatch(db: SqlQueryable): Promise<DispatchRow[]> {
  return db.query<DispatchRow>(
    `select ${webhookColumns}, (select count(*)::int from crm_webhook_pending p where p.webhook_id = w.id) as pending
     from crm_webhooks w where disabled_at is null order by created_at, id`,
  );
}
