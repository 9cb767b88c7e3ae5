import type { SqlTransaction } from '@crm/event-store';
import type { TableNamer } from '../../projection';

/**
 * Sets the touched customers' latest manager, interaction and visit over every fact held, as
 * readDirectory folds them at T (latest by business time, then stream version): their entries
 * for any T past the horizon.
 */
export async function keepDirectoryLatest(tx: SqlTransaction, table: TableNamer, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.query(
    `update ${table('directory_customers')} c
        set manager_id = (select m.manager_id from ${table('directory_managers')} m
                           where m.customer_id = c.customer_id order by m.at desc, m.stream_version desc limit 1),
            (last_at, last_channel) = (select i.at, i.channel from ${table('directory_interactions')} i
                                        where i.customer_id = c.customer_id order by i.at desc, i.stream_version desc limit 1),
            last_visit_at = (select max(v.at) from ${table('directory_interactions')} v
                              where v.customer_id = c.customer_id and v.channel in ('visit', 'meeting'))
      where c.customer_id = any($1::text[])`,
    [customerIds],
  );
}
