import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';

/** A customer in the population at T (C2, and for tiers not disqualified), with the latest manual tier by T. */
export interface PopulationMember {
  customerId: string;
  disqualified: boolean;
  override: { tier: 'key' | 'general' | 'small'; reason: string } | null;
}

/** Registered at or before T and not erased at or before T (C2); whether disqualified at T; the latest override by T. */
export async function readPopulation(db: SqlQueryable, asOf: string): Promise<PopulationMember[]> {
  const rows = await db.query<{ customer_id: string; qualified: boolean | null; tier: string | null; reason: string | null }>(
    `select c.customer_id,
            (select q.qualified from ${viewName('commerce_qualifications')} q
              where q.customer_id = c.customer_id and q.at <= $1::timestamptz order by q.at desc, q.stream_version desc limit 1) as qualified,
            o.tier, o.reason
       from ${viewName('commerce_customers')} c
       left join lateral (select tier, reason from ${viewName('commerce_tier_overrides')} t
                           where t.customer_id = c.customer_id and t.at <= $1::timestamptz order by t.at desc, t.stream_version desc limit 1) o on true
      where c.registered_at <= $1::timestamptz and (c.erased_at is null or c.erased_at > $1::timestamptz)
      order by c.customer_id`,
    [asOf],
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    disqualified: r.qualified === false,
    override: r.tier === null ? null : { tier: r.tier as 'key' | 'general' | 'small', reason: r.reason ?? '' },
  }));
}
