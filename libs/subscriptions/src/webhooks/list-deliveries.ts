import type { SqlQueryable } from '@crm/event-store';
import type { WebhookDelivery } from './webhook';

/** A page of the webhook's delivery log, the latest attempt first: `limit` attempts logged before `before` (a log id). */
export async function listDeliveries(db: SqlQueryable, id: string, limit: number, before?: number): Promise<WebhookDelivery[]> {
  const rows = await db.query<Omit<WebhookDelivery, 'attemptedAt' | 'nextAttemptAt'> & { attemptedAt: Date | string; nextAttemptAt: Date | string | null }>(
    `select id::float8 as id, event_id::text as "eventId", position::float8 as position, stream_id as "streamId", attempt, outcome, status, error, response,
            duration_ms as "durationMs", attempted_at as "attemptedAt", next_attempt_at as "nextAttemptAt"
     from crm_webhook_deliveries where webhook_id = $1 and ($2::bigint is null or id < $2) order by id desc limit $3`,
    [id, before ?? null, limit],
  );
  return rows.map((r) => ({
    ...r,
    attemptedAt: new Date(r.attemptedAt).toISOString(),
    nextAttemptAt: r.nextAttemptAt === null ? null : new Date(r.nextAttemptAt).toISOString(),
  }));
}
