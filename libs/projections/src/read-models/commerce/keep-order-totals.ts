import type { SqlTransaction } from '@crm/event-store';
import type { TableNamer } from '../../projection';

/**
 * Recomputes the touched customers' totals with every fact held (one row per customer and
 * currency): the answer of readOrderTotals for any T past the horizon. An order's net is its
 * amount less all its refunds; it counts when above 0 (C3), and profit as C4 rounds it, per
 * order. Orders are never removed, so a (customer, currency) row once there stays.
 */
export async function keepOrderTotals(tx: SqlTransaction, table: TableNamer, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.query(
    `insert into ${table('commerce_totals')} (customer_id, currency, placed, orders, net_minor, profit_minor, first_at, last_at)
     select customer_id, currency, count(*)::int, (count(*) filter (where net > 0))::int,
            coalesce(sum(net) filter (where net > 0), 0),
            case when bool_and(cost_minor is not null) filter (where net > 0)
                 then sum(net - round(cost_minor::numeric * net / amount_minor)) filter (where net > 0) end,
            min(at) filter (where net > 0), max(at) filter (where net > 0)
       from (select o.customer_id, o.currency, o.at, o.cost_minor, o.amount_minor,
                    o.amount_minor - coalesce((select sum(r.amount_minor) from ${table('commerce_refunds')} r
                                                where r.customer_id = o.customer_id and r.order_id = o.order_id), 0) as net
               from ${table('commerce_orders')} o where o.customer_id = any($1::text[])) placed
      group by customer_id, currency
     on conflict (customer_id, currency) do update
        set placed = excluded.placed, orders = excluded.orders, net_minor = excluded.net_minor,
            profit_minor = excluded.profit_minor, first_at = excluded.first_at, last_at = excluded.last_at`,
    [customerIds],
  );
}
