import type { SqlTransaction } from '@crm/event-store';
import type { TableNamer } from '../../projection';

/**
 * Recomputes the touched customers' totals (one row per customer and currency) from their
 * orders' kept nets: what readOrderTotals answers over every order for any T past the horizon.
 * An order counts when its net is above 0 (C3), and profit as C4 rounds it, per order. Orders
 * are never removed, so a (customer, currency) row once there stays.
 */
export async function keepOrderTotals(tx: SqlTransaction, table: TableNamer, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.query(
    `insert into ${table('commerce_totals')} (customer_id, currency, placed, orders, net_minor, profit_minor, first_at, last_at)
     select customer_id, currency, count(*)::int, (count(*) filter (where net_minor > 0))::int,
            coalesce(sum(net_minor) filter (where net_minor > 0), 0),
            case when bool_and(cost_minor is not null) filter (where net_minor > 0)
                 then sum(net_minor - round(cost_minor::numeric * net_minor / amount_minor)) filter (where net_minor > 0) end,
            min(at) filter (where net_minor > 0), max(at) filter (where net_minor > 0)
       from ${table('commerce_orders')} where customer_id = any($1::text[])
      group by customer_id, currency
     on conflict (customer_id, currency) do update
        set placed = excluded.placed, orders = excluded.orders, net_minor = excluded.net_minor,
            profit_minor = excluded.profit_minor, first_at = excluded.first_at, last_at = excluded.last_at`,
    [customerIds],
  );
}
