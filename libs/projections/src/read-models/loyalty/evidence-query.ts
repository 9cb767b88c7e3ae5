import type { CompetitorContactOutcome } from '@crm/domain';
import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';

const yearMs = 365 * 86_400_000;
const ninetyDaysMs = 90 * 86_400_000;

/** What the loyalty index reads of one customer beside its counted orders, as of T. */
export interface LoyaltyFacts {
  referredCustomers: number;
  referredWithPurchase: number;
  competitorOutcomes: CompetitorContactOutcome[];
  eligibleComplaints: number;
  stayedAfterComplaint: number;
  satisfactionSum: number;
  satisfactionCount: number;
}

/**
 * Referrals (and whether the referred bought by T), competitor outcomes, complaints filed 90
 * days or more before T (and whether a purchase followed), survey satisfaction of the year.
 */
export async function readLoyaltyFacts(db: SqlQueryable, customerId: string, asOf: string): Promise<LoyaltyFacts> {
  const T = Date.parse(asOf);
  const [row] = await db.query<{
    referred: number;
    referred_bought: number;
    outcomes: CompetitorContactOutcome[] | null;
    eligible: number;
    stayed: number;
    satisfaction_sum: number | null;
    satisfaction_count: number;
  }>(
    `with facts as (select * from ${viewName('loyalty_facts')} where customer_id = $1 and at <= $2::timestamptz),
          referred as (select distinct referred_customer_id as id from facts where kind = 'referral' and referred_customer_id is not null),
          filings as (select f.at from ${viewName('complaint_facts')} f
                       where f.customer_id = $1 and f.fact->>'kind' = 'filed' and f.at <= $3::timestamptz)
     select (select count(*) from referred)::int as referred,
            (select count(*) from referred r where exists (select 1 from ${viewName('commerce_orders')} o where o.customer_id = r.id and o.at <= $2::timestamptz))::int as referred_bought,
            (select array_agg(outcome order by at, stream_version) from facts where kind = 'competitor-contact' and outcome is not null) as outcomes,
            (select count(*) from filings)::int as eligible,
            (select count(*) from filings fl where exists (select 1 from ${viewName('commerce_orders')} o
                                                           where o.customer_id = $1 and o.at > fl.at and o.at <= $2::timestamptz))::int as stayed,
            (select sum(satisfaction) from facts where kind = 'survey' and satisfaction is not null and at >= $4::timestamptz)::int as satisfaction_sum,
            (select count(*) from facts where kind = 'survey' and satisfaction is not null and at >= $4::timestamptz)::int as satisfaction_count`,
    [customerId, asOf, new Date(T - ninetyDaysMs).toISOString(), new Date(T - yearMs).toISOString()],
  );
  return {
    referredCustomers: row.referred,
    referredWithPurchase: row.referred_bought,
    competitorOutcomes: row.outcomes ?? [],
    eligibleComplaints: row.eligible,
    stayedAfterComplaint: row.stayed,
    satisfactionSum: row.satisfaction_sum ?? 0,
    satisfactionCount: row.satisfaction_count,
  };
}
