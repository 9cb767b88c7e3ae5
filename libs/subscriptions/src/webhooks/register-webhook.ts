import type { SqlQueryable } from '@crm/event-store';
import type { SubscriptionFilter } from '../feed/subscription-filter';

/** Stores a new webhook that reads `$all` from `from` (inclusive). */
export async function registerWebhook(db: SqlQueryable, id: string, url: string, secret: string, filter: SubscriptionFilter, from: number): Promise<void> {
  await db.query(
    `insert into crm_webhooks (id, url, secret, types, stream_id, from_position, cursor) values ($1, $2, $3, $4, $5, $6::bigint, $6::bigint - 1)`,
    [id, url, secret, filter.types && filter.types.length > 0 ? [...new Set(filter.types)].sort() : null, filter.streamId ?? null, from],
  );
}
