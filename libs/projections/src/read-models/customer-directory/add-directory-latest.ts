import type { SqlTransaction } from '@crm/event-store';
import type { TableNamer } from '../../projection';

type Fact = { customer_id: string; stream_version: number; at: string };

/**
 * Compares a live batch's managers and interactions with the customers' kept latest ones (by
 * business time, then stream version) and keeps the later, reading no other fact: the same
 * entries as keepDirectoryLatest over every fact, for customers kept up to the batch.
 */
export async function addDirectoryLatest(
  tx: SqlTransaction,
  table: TableNamer,
  managers: readonly (Fact & { manager_id: string })[],
  interactions: readonly (Fact & { channel: string })[],
): Promise<void> {
  const customers = table('directory_customers');
  if (managers.length > 0) {
    await tx.query(
      `with m as (select distinct on (customer_id) customer_id, at, stream_version, manager_id
                    from jsonb_to_recordset($1::text::jsonb) as r(customer_id text, stream_version integer, at timestamptz, manager_id text)
                   order by customer_id, at desc, stream_version desc)
       update ${customers} c set manager_id = m.manager_id, manager_at = m.at, manager_version = m.stream_version
         from m
        where c.customer_id = m.customer_id and (c.manager_at is null or (m.at, m.stream_version) > (c.manager_at, c.manager_version))`,
      [JSON.stringify(managers)],
    );
  }
  if (interactions.length > 0) {
    await tx.query(
      `with b as (select * from jsonb_to_recordset($1::text::jsonb) as r(customer_id text, stream_version integer, at timestamptz, channel text)),
            l as (select distinct on (customer_id) customer_id, at, stream_version, channel from b order by customer_id, at desc, stream_version desc),
            v as (select customer_id, max(at) as visit_at from b where channel in ('visit', 'meeting') group by customer_id),
            n as (select l.*, v.visit_at, (c.last_at is null or (l.at, l.stream_version) > (c.last_at, c.last_version)) as later
                    from l left join v using (customer_id) join ${customers} c using (customer_id))
       update ${customers} c
          set last_at = case when n.later then n.at else c.last_at end,
              last_channel = case when n.later then n.channel else c.last_channel end,
              last_version = case when n.later then n.stream_version else c.last_version end,
              last_visit_at = greatest(c.last_visit_at, n.visit_at)
         from n where c.customer_id = n.customer_id`,
      [JSON.stringify(interactions)],
    );
  }
}
