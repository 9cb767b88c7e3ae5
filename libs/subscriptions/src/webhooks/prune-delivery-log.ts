import type { SqlQueryable } from '@crm/event-store';

/** Forgets the attempts logged longer ago than `keepMs`, of every webhook: the log is for looking into recent trouble. */
export async function pruneDeliveryLog(db: SqlQueryable, keepMs: number): Promise<void> {
  await db.query(`delete from crm_webhook_deliveries where attempted_at < now() - $1 * interval '1 millisecond'`, [keepMs]);
}
