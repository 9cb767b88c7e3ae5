import type { SqlQueryable } from '@crm/event-store';

export interface WebhookCounts {
  first_pending: number | null;
  pending: number;
  dead_letters: number;
}

/** The webhook's pending and dead-letter counts, read in one statement. */
export async function webhookCounts(db: SqlQueryable, id: string): Promise<WebhookCounts> {
  const [row] = await db.query<WebhookCounts>(
    `select (select min(position)::float8 from crm_webhook_pending where webhook_id = $1) as first_pending,
            (select count(*)::int from crm_webhook_pending where webhook_id = $1) as pending,
            (select count(*)::int from crm_webhook_dead_letters where webhook_id = $1) as dead_letters`,
    [id],
  );
  return row;
}
