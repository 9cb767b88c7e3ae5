import type { Projection, ProjectionBatch } from '../../projection';
import { copyRows } from '../copy-rows';
import { auditColumns, auditRowOf } from './audit-row';
import { withRecordingBounds } from './recording-bounds';

/**
 * The audit trail (who did what): one row per event of every customer stream, unknown types
 * too, with who recorded it (the API key's name) and the request's correlation and causation
 * ids. It holds nothing of the events' data, so an erasure leaves it as it was: who did what
 * outlives what it was about.
 */
export const auditTrail: Projection = {
  name: 'audit_trail',
  version: 1,
  handles: 'all',
  tables: ['audit_entries'],
  schema: (t) => [
    `create table ${t('audit_entries')} (
       position bigint primary key,
       event_id uuid not null,
       stream_id text not null,
       customer_id text not null,
       stream_version integer not null,
       type text not null,
       actor text,
       correlation_id text,
       causation_id text,
       occurred_at timestamptz not null,
       recorded_at timestamptz not null,
       recorded_high timestamptz not null,
       recorded_low timestamptz not null
     )`,
    // An actor's or a type's entries in recording order, from a cursor or a window's first position.
    `create index on ${t('audit_entries')} (actor, position)`,
    `create index on ${t('audit_entries')} (type, position)`,
    // A window of recording times as a range of positions (recording-bounds.ts).
    `create index on ${t('audit_entries')} (recorded_high, position)`,
    `create index on ${t('audit_entries')} (recorded_low, position)`,
  ],
  async apply({ tx, events, table }: ProjectionBatch) {
    const rows = events.flatMap((e) => auditRowOf(e) ?? []);
    if (rows.length === 0) return;
    const entries = table('audit_entries');
    const [stored] = await tx.query<{ latest: number | null }>(`select (extract(epoch from max(recorded_high)) * 1000)::float8 as latest from ${entries}`);
    const latest = stored?.latest ?? null;
    const bounded = withRecordingBounds(rows, latest === null ? null : Number(latest));
    await copyRows(tx, entries, auditColumns, bounded);
    // A stored row recorded after this batch's earliest one now has that one after it. The stored lows
    // grow with position, so those rows are the last stored ones: found from the first of them by the
    // lows' index (a generic plan of the plain condition scanned the whole table in every batch).
    await tx.query(
      `update ${entries} set recorded_low = $1::timestamptz
       where position >= (
           select position from ${entries} where recorded_low > $1::timestamptz and position < $2::bigint order by recorded_low, position limit 1
         )
         and position < $2::bigint and recorded_low > $1::timestamptz`,
      [bounded[0].recorded_low, bounded[0].position],
    );
  },
};
