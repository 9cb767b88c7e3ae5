import type { SqlQueryable } from '@crm/event-store';

/** Enables the webhook again (a 410 had disabled it): its pending deliveries go out from where they stood. False: no such webhook. */
export async function enableWebhook(db: SqlQueryable, id: string): Promise<boolean> {
  const rows = await db.query(`update crm_webhooks set disabled_at = null, disabled_reason = null where id = $1 returning id`, [id]);
  return rows.length === 1;
}
