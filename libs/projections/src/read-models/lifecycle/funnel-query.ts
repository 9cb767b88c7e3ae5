import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import { funnelStages } from './lifecycle-facts';
import type { FunnelStage } from './lifecycle-funnel';

const DAY_MS = 86_400_000;

export interface Cohort {
  asOf: string;
  /** Registered at or after (inclusive). */
  registeredFrom?: string;
  /** Registered at or before (inclusive). */
  registeredTo?: string;
}

/**
 * The funnel (lifecycle-funnel.ts states its rules) of the customers registered in the cohort
 * and in the population at T (C2), counted by the database: seven rows however many customers,
 * each with the one or two middle stays of its stage for the median. Instants are epoch
 * milliseconds in float8 and stays their differences, as the rules compute them: whole
 * milliseconds, as every instant here is (float8 arithmetic, not extract's numeric: about a
 * fifth of the statement's time at 1M events). `top` is computed once, not for each stage.
 */
export async function readFunnel(db: SqlQueryable, cohort: Cohort): Promise<{ customers: number; stages: FunnelStage[] }> {
  const rows = await db.query<{ rank: number; current: number; reached: number; middle: number[] | null; customers: number }>(
    `with registered as (
       select customer_id from ${viewName('lifecycle_facts')}
        where kind = 'registered' and at <= $1::timestamptz
          and ($2::timestamptz is null or at >= $2::timestamptz) and ($3::timestamptz is null or at <= $3::timestamptz)
       except
       select customer_id from ${viewName('lifecycle_facts')} where kind = 'erased' and at <= $1::timestamptz
     ),
     stays as (
       select s.customer_id, array_position($4::text[], s.stage) - 1 as rank,
              round(date_part('epoch', least(coalesce(s.to_at, $1::timestamptz), $1::timestamptz)) * 1000) - round(date_part('epoch', s.from_at) * 1000) as ms,
              (s.to_at is null or s.to_at > $1::timestamptz) as under_way
         from ${viewName('lifecycle_stages')} s join registered using (customer_id)
        where s.from_at <= $1::timestamptz
     ),
     highest as (select max(rank) as rank from stays group by customer_id),
     in_stage as (select rank, sum(ms) as ms from stays where rank is not null group by customer_id, rank),
     ordered as (select rank, ms, row_number() over (partition by rank order by ms) as i, count(*) over (partition by rank) as n from in_stage),
     current as (select rank, count(*)::int as n from stays where under_way and rank is not null group by rank),
     top as materialized (select rank, count(*)::int as n from highest where rank is not null group by rank),
     middle as (select rank, array_agg(ms order by i) as ms from ordered where i in ((n + 1) / 2, (n + 2) / 2) group by rank)
     select l.rank, coalesce(c.n, 0) as current,
            (select coalesce(sum(t.n), 0) from top t where t.rank >= l.rank)::int as reached,
            m.ms as middle, (select count(*) from highest)::int as customers
       from generate_series(0, ${funnelStages.length - 1}) as l(rank)
       left join current c on c.rank = l.rank left join middle m on m.rank = l.rank
      order by l.rank`,
    [cohort.asOf, cohort.registeredFrom ?? null, cohort.registeredTo ?? null, funnelStages],
  );
  const stages = rows.map((row, rank): FunnelStage => {
    const next = rows[rank + 1]?.reached;
    const days = (row.middle ?? []).map((ms) => Number(ms) / DAY_MS);
    return {
      stage: funnelStages[rank],
      current: row.current,
      reached: row.reached,
      conversionToNext: next === undefined || row.reached === 0 ? null : next / row.reached,
      medianDaysInStage: days.length === 0 ? null : days.length === 1 ? days[0] : (days[0] + days[1]) / 2,
    };
  });
  return { customers: rows[0].customers, stages };
}
