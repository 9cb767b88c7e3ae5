import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import { pastHorizon } from '../horizon';
import { orderTotalsOf, type OrderTotalsAnswer, type OrderTotalsRow } from './order-totals-row';

/**
 * readOrderTotals over every order, for a T past the commerce horizon: every fact held happened
 * by T, so each customer's kept totals are its totals at T and the erased are those with an
 * erasure at all (C2). One row a customer instead of one an order. Undefined when T is before
 * the horizon.
 */
export async function readKeptOrderTotals(db: SqlQueryable, asOf: string, currency: string): Promise<OrderTotalsAnswer | undefined> {
  const rows = await db.query<OrderTotalsRow>(
    `with past as (select ${pastHorizon(viewName('commerce_horizon'), '$2', viewName('commerce_unkept'))} as yes)
     select t.customer_id, t.orders, t.net_minor::text as net_minor, t.profit_minor::text as profit_minor,
            (extract(epoch from t.first_at) * 1000)::float8 as first_ms, (extract(epoch from t.last_at) * 1000)::float8 as last_ms,
            0 as excluded_orders, 0 as excluded_erased
       from ${viewName('commerce_totals')} t join ${viewName('commerce_customers')} c using (customer_id)
      where (select yes from past) and t.currency = $1 and t.orders > 0 and c.erased_at is null
     union all
     select null, 0, '0', null, 0, 0,
            (select coalesce(sum(t.placed), 0) from ${viewName('commerce_totals')} t join ${viewName('commerce_customers')} c using (customer_id)
              where t.currency <> $1 and c.erased_at is null)::int,
            (select count(*) from ${viewName('commerce_totals')} t join ${viewName('commerce_customers')} c using (customer_id)
              where t.currency = $1 and t.orders > 0 and c.erased_at is not null)::int
      where (select yes from past)`,
    [currency, asOf],
  );
  return rows.length === 0 ? undefined : orderTotalsOf(rows);
}
