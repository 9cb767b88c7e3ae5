import type { SqlTransaction } from '@crm/event-store';
import type { TableNamer } from '../../projection';
import { ordersTotalled } from './keep-order-totals';

/**
 * Adds a batch's new orders to their customers' kept totals, reading only those orders: the
 * totals over every order are the old ones and the new ones summed (a profit stays unknown once
 * a counted order had no cost). Only for customers kept up to the batch with no refund in it:
 * a refund can take an order out of the count, and its customer is kept from all its orders.
 * An order is matched by its event's version too, so that one already held is not added again.
 */
export async function addOrderTotals(
  tx: SqlTransaction,
  table: TableNamer,
  orders: readonly { customer_id: string; order_id: string; stream_version: number }[],
): Promise<void> {
  if (orders.length === 0) return;
  await tx.query(
    `insert into ${table('commerce_totals')} as t (customer_id, currency, placed, orders, net_minor, profit_minor, first_at, last_at)
     select customer_id, currency, ${ordersTotalled}
       from ${table('commerce_orders')} o
       join jsonb_to_recordset($1::text::jsonb) as b(customer_id text, order_id text, stream_version integer) using (customer_id, order_id, stream_version)
      group by customer_id, currency
     on conflict (customer_id, currency) do update
        set placed = t.placed + excluded.placed, orders = t.orders + excluded.orders, net_minor = t.net_minor + excluded.net_minor,
            profit_minor = case when t.orders + excluded.orders > 0
                                 and (t.orders = 0 or t.profit_minor is not null) and (excluded.orders = 0 or excluded.profit_minor is not null)
                                then coalesce(t.profit_minor, 0) + coalesce(excluded.profit_minor, 0) end,
            first_at = least(t.first_at, excluded.first_at), last_at = greatest(t.last_at, excluded.last_at)`,
    [JSON.stringify(orders.map(({ customer_id, order_id, stream_version }) => ({ customer_id, order_id, stream_version })))],
  );
}
