import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';

export interface AuditFilter {
  /** Only what this actor (an API key's name) recorded; every actor when absent. */
  actor?: string;
  /** Recording times: `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  types?: readonly string[];
  limit: number;
  /** The position of the previous page's last entry: this page starts after it. */
  after?: number;
}

export interface AuditEntry {
  position: number;
  eventId: string;
  customerId: string;
  streamVersion: number;
  type: string;
  actor: string | null;
  correlationId: string | null;
  causationId: string | null;
  occurredAt: string;
  recordedAt: string;
}

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const trail = viewName('audit_entries');

/**
 * One page of the audit trail in recording order (position), and the position the next page
 * starts after. A window of recording times is first narrowed to the positions it can hold
 * (recording-bounds.ts); only the filters given become conditions, so that the planner can take
 * the index that fits them.
 */
export async function readAuditTrail(db: SqlQueryable, f: AuditFilter): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const condition = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.from !== undefined) {
    condition(
      (p) => `position >= (select position from ${trail} where recorded_high >= ${p}::timestamptz order by recorded_high, position limit 1)
          and recorded_at >= ${p}::timestamptz`,
      f.from,
    );
  }
  if (f.to !== undefined) {
    condition(
      (p) => `position <= (select position from ${trail} where recorded_low < ${p}::timestamptz order by recorded_low desc, position desc limit 1)
          and recorded_at < ${p}::timestamptz`,
      f.to,
    );
  }
  if (f.actor !== undefined) condition((p) => `actor = ${p}`, f.actor);
  if (f.types !== undefined) condition((p) => `type = any(${p}::text[])`, [...f.types]);
  if (f.after !== undefined) condition((p) => `position > ${p}::bigint`, f.after);
  params.push(f.limit + 1);
  const rows = await db.query<Record<string, unknown>>(
    `select position, event_id::text as event_id, customer_id, stream_version, type, actor, correlation_id, causation_id,
            ${iso('occurred_at')} as occurred_at, ${iso('recorded_at')} as recorded_at
       from ${trail}
      ${where.length > 0 ? `where ${where.join('\n        and ')}` : ''}
      order by position
      limit $${params.length}`,
    params,
  );
  const entries = rows.slice(0, f.limit).map(toEntry);
  return { entries, next: rows.length > f.limit ? entries[entries.length - 1].position : null };
}

function toEntry(row: Record<string, unknown>): AuditEntry {
  return {
    position: Number(row.position),
    eventId: row.event_id as string,
    customerId: row.customer_id as string,
    streamVersion: Number(row.stream_version),
    type: row.type as string,
    actor: (row.actor as string | null) ?? null,
    correlationId: (row.correlation_id as string | null) ?? null,
    causationId: (row.causation_id as string | null) ?? null,
    occurredAt: row.occurred_at as string,
    recordedAt: row.recorded_at as string,
  };
}
