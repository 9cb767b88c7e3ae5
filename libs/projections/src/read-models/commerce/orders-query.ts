import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';

/** An order as counted at T (C3): its net after the refunds recorded by T is above 0. */
export interface CountedOrder {
  customerId: string;
  orderId: string;
  at: number;
  amountMinor: number;
  netMinor: number;
  costMinor: number | null;
  categories: string[];
}

export interface OrdersWindow {
  asOf: string;
  /** Orders at or after this instant; none: from the first. */
  from?: string;
  currency: string;
}

/**
 * One customer's counted orders in the analytics currency placed by T, while it is in the C2
 * population at T (none once erased by T): what its own loyalty evidence reads order by order.
 */
export async function readCustomerOrders(db: SqlQueryable, customerId: string, { asOf, currency }: Omit<OrdersWindow, 'from'>): Promise<CountedOrder[]> {
  const rows = await db.query<{ order_id: string; at_ms: number; amount_minor: string; net_minor: string; cost_minor: string | null; categories: string[] }>(
    `with refunded as (
       select order_id, sum(amount_minor) as amount_minor from ${viewName('commerce_refunds')}
        where customer_id = $1 and at <= $2::timestamptz group by order_id
     )
     select o.order_id, (extract(epoch from o.at) * 1000)::float8 as at_ms, o.amount_minor::text as amount_minor,
            o.cost_minor::text as cost_minor, o.categories, (o.amount_minor - coalesce(f.amount_minor, 0))::text as net_minor
       from ${viewName('commerce_orders')} o join ${viewName('commerce_customers')} c using (customer_id)
       left join refunded f using (order_id)
      where o.customer_id = $1 and o.at <= $2::timestamptz and o.currency = $3
        and c.registered_at <= $2::timestamptz and (c.erased_at is null or c.erased_at > $2::timestamptz)
        and o.amount_minor - coalesce(f.amount_minor, 0) > 0
      order by o.order_id`,
    [customerId, asOf, currency],
  );
  return rows.map((r) => ({
    customerId,
    orderId: r.order_id,
    at: Number(r.at_ms),
    amountMinor: Number(r.amount_minor),
    netMinor: Number(r.net_minor),
    costMinor: r.cost_minor === null ? null : Number(r.cost_minor),
    categories: r.categories,
  }));
}
