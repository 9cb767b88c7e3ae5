import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import type { HistoryCategory } from './categories';

/** Where a page ended, in (occurredAt, streamVersion) order: the next page starts after it. */
export interface HistoryCursor {
  occurredAt: string;
  streamVersion: number;
}

export interface HistoryFilter {
  customerId: string;
  /** Only what happened at or before this instant (business time). */
  asOf: string;
  /** Only what was recorded at or before this instant: what the system knew then. */
  knownAt?: string;
  types?: readonly string[];
  category?: HistoryCategory;
  /** Business time bounds, inclusive. */
  from?: string;
  to?: string;
  contactId?: string;
  complaintId?: string;
  orderId?: string;
  order: 'asc' | 'desc';
  limit: number;
  after?: HistoryCursor;
}

export interface StoredHistoryEntry {
  position: number;
  streamVersion: number;
  type: string;
  category: HistoryCategory;
  occurredAt: string;
  recordedAt: string;
  actor: string | null;
  correlationId: string | null;
  causationId: string | null;
  contactId: string | null;
  complaintId: string | null;
  orderId: string | null;
  data: Record<string, unknown>;
}

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One page of a customer's history in business-time order (C1), and the cursor of the next page. */
export async function readCustomerHistory(db: SqlQueryable, f: HistoryFilter): Promise<{ entries: StoredHistoryEntry[]; next: HistoryCursor | null }> {
  const direction = f.order === 'asc' ? 'asc' : 'desc';
  const beyond = f.order === 'asc' ? '>' : '<';
  const rows = await db.query<Record<string, unknown>>(
    `select position::text as position, stream_version, type, category, ${iso('occurred_at')} as occurred_at, ${iso('recorded_at')} as recorded_at,
            actor, correlation_id, causation_id, contact_id, complaint_id, order_id, data
       from ${viewName('history_entries')}
      where customer_id = $1 and occurred_at <= $2::timestamptz
        and ($3::timestamptz is null or recorded_at <= $3::timestamptz)
        and ($4::text[] is null or type = any($4::text[]))
        and ($5::text is null or category = $5)
        and ($6::timestamptz is null or occurred_at >= $6::timestamptz)
        and ($7::timestamptz is null or occurred_at <= $7::timestamptz)
        and ($8::text is null or contact_id = $8)
        and ($9::text is null or complaint_id = $9)
        and ($10::text is null or order_id = $10)
        and ($11::timestamptz is null or (occurred_at, stream_version) ${beyond} ($11::timestamptz, $12::integer))
      order by occurred_at ${direction}, stream_version ${direction}
      limit $13`,
    [
      f.customerId,
      f.asOf,
      f.knownAt ?? null,
      f.types ? [...f.types] : null,
      f.category ?? null,
      f.from ?? null,
      f.to ?? null,
      f.contactId ?? null,
      f.complaintId ?? null,
      f.orderId ?? null,
      f.after?.occurredAt ?? null,
      f.after?.streamVersion ?? null,
      f.limit + 1,
    ],
  );
  const entries = rows.slice(0, f.limit).map(toEntry);
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > f.limit ? { occurredAt: last.occurredAt, streamVersion: last.streamVersion } : null };
}

function toEntry(row: Record<string, unknown>): StoredHistoryEntry {
  return {
    position: Number(row.position),
    streamVersion: Number(row.stream_version),
    type: row.type as string,
    category: row.category as HistoryCategory,
    occurredAt: row.occurred_at as string,
    recordedAt: row.recorded_at as string,
    actor: (row.actor as string | null) ?? null,
    correlationId: (row.correlation_id as string | null) ?? null,
    causationId: (row.causation_id as string | null) ?? null,
    contactId: (row.contact_id as string | null) ?? null,
    complaintId: (row.complaint_id as string | null) ?? null,
    orderId: (row.order_id as string | null) ?? null,
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
  };
}
