import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import { pastHorizon } from '../horizon';
import { orderTotalsOf, type OrderTotalsAnswer, type OrderTotalsRow } from './order-totals-row';

/**
 * readOrderTotals over the orders placed at or after `from`, for a T past the commerce horizon:
 * every order held was placed by T and every refund made by then, so each order's kept net is
 * its net at T and the erased are those with an erasure at all (C2). Undefined before the horizon.
 */
export async function readKeptWindowTotals(db: SqlQueryable, asOf: string, from: string, currency: string): Promise<OrderTotalsAnswer | undefined> {
  const rows = await db.query<OrderTotalsRow>(
    `with past as (select ${pastHorizon(viewName('commerce_horizon'), '$2', viewName('commerce_unkept'))} as yes),
     placed as (
       select o.customer_id, o.at, o.currency, o.cost_minor, o.amount_minor, o.net_minor as net, c.erased_at is not null as erased
         from ${viewName('commerce_orders')} o join ${viewName('commerce_customers')} c using (customer_id)
        where (select yes from past) and o.at >= $3::timestamptz
     ),
     counted as (select * from placed where currency = $1 and net > 0 and not erased)
     select customer_id, count(*)::int as orders, sum(net)::text as net_minor,
            case when bool_and(cost_minor is not null) then sum(net - round(cost_minor::numeric * net / amount_minor))::text end as profit_minor,
            (extract(epoch from min(at)) * 1000)::float8 as first_ms, (extract(epoch from max(at)) * 1000)::float8 as last_ms,
            0 as excluded_orders, 0 as excluded_erased
       from counted group by customer_id
     union all
     select null, 0, '0', null, 0, 0,
            (select count(*) from placed where currency <> $1 and not erased)::int,
            (select count(distinct customer_id) from placed where currency = $1 and net > 0 and erased)::int
      where (select yes from past)`,
    [currency, asOf, from],
  );
  return rows.length === 0 ? undefined : orderTotalsOf(rows);
}
