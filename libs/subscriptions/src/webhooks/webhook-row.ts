import type { SqlQueryable } from '@crm/event-store';
import type { SubscriptionFilter } from '../feed/subscription-filter';

export interface WebhookRow {
  id: string;
  url: string;
  secret: string;
  types: string[] | null;
  stream_id: string | null;
  from_position: number;
  cursor: number;
  disabled_at: Date | string | null;
  disabled_reason: string | null;
  created_at: Date | string;
}

export const webhookColumns = `id::text as id, url, secret, types, stream_id, from_position::float8 as from_position, cursor::float8 as cursor,
  disabled_at, disabled_reason, created_at`;

/** The webhook as stored, or undefined when there is none of that id. */
export async function readWebhook(db: SqlQueryable, id: string): Promise<WebhookRow | undefined> {
  const [row] = await db.query<WebhookRow>(`select ${webhookColumns} from crm_webhooks where id = $1`, [id]);
  return row;
}

export function filterOf(row: Pick<WebhookRow, 'types' | 'stream_id'>): SubscriptionFilter {
  return { ...(row.types ? { types: row.types } : {}), ...(row.stream_id ? { streamId: row.stream_id } : {}) };
}
