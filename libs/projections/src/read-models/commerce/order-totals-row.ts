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
