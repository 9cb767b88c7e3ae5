import type { SqlQueryable } from '@crm/event-store';
import { webhookColumns, type WebhookRow } from './webhook-row';

/** Every webhook, the oldest first. */
export async function listWebhooks(db: SqlQueryable): Promise<WebhookRow[]> {
  return db.query<WebhookRow>(`select ${webhookColumns} from crm_webhooks order by created_at, id`);
}
