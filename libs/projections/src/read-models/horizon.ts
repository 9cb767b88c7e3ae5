import type { RecordedEvent, SqlTransaction } from '@crm/event-store';

/**
 * A read model's horizon: the latest business time of any event it has applied. Its kept
 * current state (each customer's facts folded to the end) is its state at any T at or after
 * the horizon, since every fact it holds happened by then; before it, only the facts as of T
 * give the answer. A maximum, so the same events in any batches leave the same row.
 */
export const horizonSchema = (table: string): string =>
  `create table ${table} (only_row boolean primary key default true check (only_row), latest_at timestamptz not null)`;

/** Raises the horizon to the batch's latest business time (compared by the database, to the microsecond). */
export async function raiseHorizon(tx: SqlTransaction, table: string, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `insert into ${table} (latest_at) select max(at::timestamptz) from unnest($1::text[]) as a(at)
     on conflict (only_row) do update set latest_at = greatest(${table}.latest_at, excluded.latest_at)`,
    [[...new Set(events.map((e) => e.metadata.occurredAt))]],
  );
}

/**
 * SQL that is true when T (the parameter named) is at or after the horizon and no customer
 * waits to be kept (deferred-keep.ts); an empty read model holds nothing later than any T. A
 * read of the kept state puts it in its own statement, so that the check and the rows come from
 * one snapshot (a batch may commit between two).
 */
export const pastHorizon = (view: string, asOfParameter: string, unkeptView: string): string =>
  `(coalesce((select latest_at <= ${asOfParameter}::timestamptz from ${view}), true) and not exists (select 1 from ${unkeptView}))`;
