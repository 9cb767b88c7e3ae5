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

export interface OrderTotalsAnswer {
  totals: OrderTotals[];
  /** Orders in other currencies left out. */
  excludedOrders: number;
  /** Customers erased by T that had counted orders there. */
  excludedErased: number;
}

/** One customer's row, and one row (customer_id null) with what was left out. */
export interface OrderTotalsRow {
  customer_id: string | null;
  orders: number;
  net_minor: string;
  profit_minor: string | null;
  first_ms: number;
  last_ms: number;
  excluded_orders: number;
  excluded_erased: number;
}

/** The totals sorted by customerId, and the summary row's counts. */
export function orderTotalsOf(rows: readonly OrderTotalsRow[]): OrderTotalsAnswer {
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

/**
 * The end of a totals query over a `placed` CTE (customer_id, at, currency, cost_minor,
 * amount_minor, net, erased): the counted orders (C3) summed per customer, then the summary row;
 * `summaryWhen` can hold the summary back (no rows at all: the caller steps aside).
 */
export const totalsOfPlaced = (currencyParameter: string, summaryWhen = 'true'): string =>
  `counted as (select * from placed where currency = ${currencyParameter} and net > 0 and not erased)
     select customer_id, count(*)::int as orders, sum(net)::text as net_minor,
            case when bool_and(cost_minor is not null) then sum(net - round(cost_minor::numeric * net / amount_minor))::text end as profit_minor,
            (extract(epoch from min(at)) * 1000)::float8 as first_ms, (extract(epoch from max(at)) * 1000)::float8 as last_ms,
            0 as excluded_orders, 0 as excluded_erased
       from counted group by customer_id
     union all
     select null, 0, '0', null, 0, 0,
            (select count(*) from placed where currency <> ${currencyParameter} and not erased)::int,
            (select count(distinct customer_id) from placed where currency = ${currencyParameter} and net > 0 and erased)::int
      where ${summaryWhen}`;
