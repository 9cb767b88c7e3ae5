import type { SqlQueryable } from '@crm/event-store';

/** Deletes the webhook with its pending deliveries, log and dead letters; false when there was none. */
export async function removeWebhook(db: SqlQueryable, id: string): Promise<boolean> {
  const rows = await db.query(`delete from crm_webhooks where id = $1 returning id`, [id]);
  return rows.length === 1;
}
