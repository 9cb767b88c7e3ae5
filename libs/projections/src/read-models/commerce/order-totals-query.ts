import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import type { OrdersWindow } from './orders-query';

/** A customer's counted orders in a window (C3), summed by the database. */
export interface OrderTotals {
  customerId: string;
  orders: number;
  netMinor: number;
  /** The sum of each order's profit (C4, rounded half up per order); null when one of them has no cost. */
  profitMinor: number | null;
  firstAt: number;
  lastAt: number;
}

/**
 * Per customer of the C2 population at T, its counted orders in the analytics currency placed
 * in [from, T]: one row a customer, however many orders (what tiers, deciles, RFM and the list
 * rank by); how many orders in other currencies were left out; how many customers erased by T
 * had counted orders there.
 */
export async function readOrderTotals(
  db: SqlQueryable,
  { asOf, from, currency }: OrdersWindow,
): Promise<{ totals: OrderTotals[]; excludedOrders: number; excludedErased: number }> {
  const rows = await db.query<{ customer_id: string | null; orders: number; net_minor: string; profit_minor: string | null; first_ms: number; last_ms: number; excluded_orders: number; excluded_erased: number }>(
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
     counted as (select * from placed where currency = $3 and net > 0 and not erased)
     select customer_id, count(*)::int as orders, sum(net)::text as net_minor,
            case when bool_and(cost_minor is not null) then sum(net - round(cost_minor::numeric * net / amount_minor))::text end as profit_minor,
            (extract(epoch from min(at)) * 1000)::float8 as first_ms, (extract(epoch from max(at)) * 1000)::float8 as last_ms,
            0 as excluded_orders, 0 as excluded_erased
       from counted group by customer_id
     union all
     select null, 0, '0', null, 0, 0,
            (select count(*) from placed where currency <> $3 and not erased)::int,
            (select count(distinct customer_id) from placed where currency = $3 and net > 0 and erased)::int`,
    [asOf, from ?? null, currency],
  );
  const summary = rows.find((r) => r.customer_id === null)!;
  const totals = rows
    .filter((r) => r.customer_id !== null)
    .map((r) => ({
      customerId: r.customer_id!,
      orders: r.orders,
      netMinor: Number(r.net_minor),
      profitMinor: r.profit_minor === null ? null : Number(r.profit_minor),
      firstAt: Number(r.first_ms),
      lastAt: Number(r.last_ms),
    }))
    .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  return { totals, excludedOrders: summary.excluded_orders, excludedErased: summary.excluded_erased };
}
