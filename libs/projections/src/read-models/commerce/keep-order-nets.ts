import type { SqlTransaction } from '@crm/event-store';
import type { TableNamer } from '../../projection';

/**
 * Sets the refunded orders' kept net: the amount less every refund held (an order enters with
 * its whole amount; a refund always follows its order in the stream).
 */
export async function keepOrderNets(tx: SqlTransaction, table: TableNamer, refunded: readonly { customer_id: string; order_id: string }[]): Promise<void> {
  if (refunded.length === 0) return;
  await tx.query(
    `update ${table('commerce_orders')} o
        set net_minor = o.amount_minor - (select coalesce(sum(r.amount_minor), 0) from ${table('commerce_refunds')} r
                                           where r.customer_id = o.customer_id and r.order_id = o.order_id)
       from (select distinct customer_id, order_id from jsonb_to_recordset($1::text::jsonb) as x(customer_id text, order_id text)) t
      where o.customer_id = t.customer_id and o.order_id = t.order_id`,
    [JSON.stringify(refunded.map(({ customer_id, order_id }) => ({ customer_id, order_id })))],
  );
}
