import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import { readKeptOrderTotals } from './kept-order-totals-query';
import { readKeptWindowTotals } from './kept-window-totals-query';
import { orderTotalsOf, totalsOfPlaced, type OrderTotalsAnswer, type OrderTotalsRow } from './order-totals-row';
import type { OrdersWindow } from './orders-query';

export type { OrderTotals } from './order-totals-row';

/**
 * Per customer of the C2 population at T, its counted orders in the analytics currency placed
 * in [from, T]: one row a customer, however many orders (what tiers, deciles, RFM and the list
 * rank by); how many orders in other currencies were left out; how many customers erased by T
 * had counted orders there. Past the horizon, the kept totals and nets say the same.
 */
export async function readOrderTotals(db: SqlQueryable, window: OrdersWindow): Promise<OrderTotalsAnswer> {
  const { asOf, from, currency } = window;
  const kept = from === undefined ? await readKeptOrderTotals(db, asOf, currency) : await readKeptWindowTotals(db, asOf, from, currency);
  return kept ?? readOrderTotalsByOrder(db, window);
}

/** readOrderTotals from the orders and refunds as of T: what any T and window needs. */
export async function readOrderTotalsByOrder(db: SqlQueryable, { asOf, from, currency }: OrdersWindow): Promise<OrderTotalsAnswer> {
  const rows = await db.query<OrderTotalsRow>(
    `with refunded as (
       select customer_id, order_id, sum(amount_minor) as amount_minor from ${viewName('commerce_refunds')}
        where at <= $1::timestamptz group by customer_id, order_id
     ),
     placed as (
       select o.customer_id, o.at, o.currency, o.cost_minor, o.amount_minor, o.amount_minor - coalesce(f.amount_minor, 0) as net,
              (c.erased_at is not null and c.erased_at <= $1::timestamptz) as erased
         from ${viewName('commerce_orders')} o join ${viewName('commerce_customers')} c using (customer_id)
         left join refunded f using (customer_id, order_id)
        where o.at <= $1::timestamptz and ($2::timestamptz is null or o.at >= $2::timestamptz) and c.registered_at <= $1::timestamptz
     ),
     ${totalsOfPlaced('$3')}`,
    [asOf, from ?? null, currency],
  );
  return orderTotalsOf(rows);
}
