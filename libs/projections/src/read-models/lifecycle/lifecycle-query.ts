import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import type { StageSpan } from './lifecycle-facts';

/** A customer's stage history up to T (`to` null for the stay under way at T); empty when not registered by T. */
export async function readStageHistory(db: SqlQueryable, customerId: string, asOf: string): Promise<StageSpan[]> {
  const rows = await db.query<{ stage: StageSpan['stage']; from_ms: number; to_ms: number | null }>(
    `select stage, (extract(epoch from from_at) * 1000)::float8 as from_ms,
            case when to_at <= $2::timestamptz then (extract(epoch from to_at) * 1000)::float8 end as to_ms
       from ${viewName('lifecycle_stages')}
      where customer_id = $1 and from_at <= $2::timestamptz
        and not exists (select 1 from ${viewName('lifecycle_facts')} f where f.customer_id = $1 and f.kind = 'erased' and f.at <= $2::timestamptz)
      order by from_at`,
    [customerId, asOf],
  );
  return rows.map((r) => ({ stage: r.stage, from: Number(r.from_ms), to: r.to_ms === null ? null : Number(r.to_ms) }));
}
