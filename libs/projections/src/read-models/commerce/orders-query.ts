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
  /** Only this customer's orders. */
  customerId?: string;
}

/**
 * The counted orders in the analytics currency placed in [from, T] by customers in the C2
 * population at T; how many orders in other currencies were left out; how many customers
 * erased by T had counted orders there.
 */
export async function readCountedOrders(
  db: SqlQueryable,
  { asOf, from, currency, customerId }: OrdersWindow,
): Promise<{ orders: CountedOrder[]; excludedOrders: number; excludedErased: number }> {
  const rows = await db.query<{
    customer_id: string;
    order_id: string;
    at_ms: number;
    currency: string;
    amount_minor: string;
    net_minor: string;
    cost_minor: string | null;
    categories: string[];
    erased: boolean;
  }>(
    `with refunded as (
       select customer_id, order_id, sum(amount_minor) as amount_minor from ${viewName('commerce_refunds')}
        where at <= $1::timestamptz group by customer_id, order_id
     )
     select o.customer_id, o.order_id, (extract(epoch from o.at) * 1000)::float8 as at_ms, o.currency,
            o.amount_minor::text as amount_minor, o.cost_minor::text as cost_minor, o.categories,
            (o.amount_minor - coalesce(f.amount_minor, 0))::text as net_minor,
            (c.erased_at is not null and c.erased_at <= $1::timestamptz) as erased
       from ${viewName('commerce_orders')} o join ${viewName('commerce_customers')} c using (customer_id)
       left join refunded f using (customer_id, order_id)
      where o.at <= $1::timestamptz and ($2::timestamptz is null or o.at >= $2::timestamptz) and c.registered_at <= $1::timestamptz
        and ($3::text is null or o.customer_id = $3)
      order by o.customer_id, o.order_id`,
    [asOf, from ?? null, customerId ?? null],
  );
  const orders: CountedOrder[] = [];
  let excludedOrders = 0;
  const erasedWithOrders = new Set<string>();
  for (const r of rows) {
    if (r.currency !== currency) {
      if (!r.erased) excludedOrders++;
      continue;
    }
    const netMinor = Number(r.net_minor);
    if (netMinor <= 0) continue;
    if (r.erased) {
      erasedWithOrders.add(r.customer_id);
      continue;
    }
    orders.push({
      customerId: r.customer_id,
      orderId: r.order_id,
      at: Number(r.at_ms),
      amountMinor: Number(r.amount_minor),
      netMinor,
      costMinor: r.cost_minor === null ? null : Number(r.cost_minor),
      categories: r.categories,
    });
  }
  return { orders, excludedOrders, excludedErased: erasedWithOrders.size };
}
