import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import type { CareFact, StoredCareFact } from './care-facts';

/** A `care_facts` row as the queries select it (the driver gives jsonb parsed, or as text). */
export interface CareFactRow {
  customer_id: string;
  stream_version: number;
  at_ms: number;
  fact: CareFact | string;
}

export const storedCareFactOf = (r: CareFactRow): StoredCareFact => ({
  customerId: r.customer_id,
  at: Number(r.at_ms),
  streamVersion: Number(r.stream_version),
  fact: (typeof r.fact === 'string' ? JSON.parse(r.fact) : r.fact) as CareFact,
});

/** The care facts recorded with a business time at or before T, of every customer or of one. */
export async function readCareFacts(db: SqlQueryable, asOf: string, customerId?: string): Promise<StoredCareFact[]> {
  const rows = await db.query<CareFactRow>(
    `select customer_id, stream_version, (extract(epoch from at) * 1000)::float8 as at_ms, fact
       from ${viewName('care_facts')}
      where at <= $1::timestamptz and ($2::text is null or customer_id = $2)
      order by customer_id, at, stream_version`,
    [asOf, customerId ?? null],
  );
  return rows.map(storedCareFactOf);
}

/** Per customer, the visits planned at or before T for an instant after T. */
export async function readPlannedVisits(db: SqlQueryable, asOf: string, customerId?: string): Promise<Map<string, { at: number; plannedFor: number }[]>> {
  const rows = await db.query<{ customer_id: string; at_ms: number; planned_ms: number }>(
    `select customer_id, (extract(epoch from at) * 1000)::float8 as at_ms, (extract(epoch from planned_for) * 1000)::float8 as planned_ms
       from ${viewName('care_plans')}
      where at <= $1::timestamptz and planned_for > $1::timestamptz and ($2::text is null or customer_id = $2)
      order by customer_id, planned_for`,
    [asOf, customerId ?? null],
  );
  const plans = new Map<string, { at: number; plannedFor: number }[]>();
  for (const r of rows) {
    const plan = { at: Number(r.at_ms), plannedFor: Number(r.planned_ms) };
    const own = plans.get(r.customer_id);
    if (own) own.push(plan);
    else plans.set(r.customer_id, [plan]);
  }
  return plans;
}
