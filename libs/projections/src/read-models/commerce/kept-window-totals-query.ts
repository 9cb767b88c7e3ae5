import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import { pastHorizon } from '../horizon';
import { orderTotalsOf, totalsOfPlaced, type OrderTotalsAnswer, type OrderTotalsRow } from './order-totals-row';

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
     ${totalsOfPlaced('$1', '(select yes from past)')}`,
    [currency, asOf, from],
  );
  return rows.length === 0 ? undefined : orderTotalsOf(rows);
}
