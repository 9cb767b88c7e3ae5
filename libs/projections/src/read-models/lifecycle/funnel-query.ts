import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import type { StageSpan } from './lifecycle-facts';
import type { CustomerStageHistory } from './lifecycle-funnel';

export interface Cohort {
  asOf: string;
  /** Registered at or after (inclusive). */
  registeredFrom?: string;
  /** Registered at or before (inclusive). */
  registeredTo?: string;
}

/** The stage histories up to T of the customers registered in the cohort and in the population at T (C2). */
export async function readCohortHistories(db: SqlQueryable, cohort: Cohort): Promise<CustomerStageHistory[]> {
  const rows = await db.query<{ customer_id: string; stage: StageSpan['stage']; from_ms: number; to_ms: number | null }>(
    `with registered as (
       select customer_id from ${viewName('lifecycle_facts')}
        where kind = 'registered' and at <= $1::timestamptz
          and ($2::timestamptz is null or at >= $2::timestamptz) and ($3::timestamptz is null or at <= $3::timestamptz)
       except
       select customer_id from ${viewName('lifecycle_facts')} where kind = 'erased' and at <= $1::timestamptz
     )
     select s.customer_id, s.stage, (extract(epoch from s.from_at) * 1000)::float8 as from_ms,
            case when s.to_at <= $1::timestamptz then (extract(epoch from s.to_at) * 1000)::float8 end as to_ms
       from ${viewName('lifecycle_stages')} s join registered using (customer_id)
      where s.from_at <= $1::timestamptz
      order by s.customer_id, s.from_at`,
    [cohort.asOf, cohort.registeredFrom ?? null, cohort.registeredTo ?? null],
  );
  const histories = new Map<string, StageSpan[]>();
  for (const r of rows) {
    const spans = histories.get(r.customer_id) ?? [];
    spans.push({ stage: r.stage, from: Number(r.from_ms), to: r.to_ms === null ? null : Number(r.to_ms) });
    histories.set(r.customer_id, spans);
  }
  return [...histories].map(([customerId, history]) => ({ customerId, history }));
}
