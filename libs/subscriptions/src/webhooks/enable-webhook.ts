import type { SqlQueryable } from '@crm/event-store';
import { webhookColumns, type WebhookRow } from './webhook-row';

/** Enables the webhook again (a 410 had disabled it): its pending deliveries go out from where they stood. Undefined: no such webhook. */
export async function enableWebhook(db: SqlQueryable, id: string): Promise<WebhookRow | undefined> {
  const [row] = await db.query<WebhookRow>(`update crm_webhooks set disabled_at = null, disabled_reason = null where id = $1 returning ${webhookColumns}`, [id]);
  return row;
}
