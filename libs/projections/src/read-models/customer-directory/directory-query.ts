import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import { entriesOf, type DirectoryEntry, type DirectoryRow } from './directory-entry';
import { readKeptDirectory } from './kept-directory-query';

export type { DirectoryEntry } from './directory-entry';

/** Every customer registered at or before T and not erased by T, or only one of them; sorted by customerId. Past the horizon, the kept latest facts say the same. */
export async function readDirectory(db: SqlQueryable, asOf: string, customerId?: string): Promise<DirectoryEntry[]> {
  return (await readKeptDirectory(db, asOf, customerId)) ?? readDirectoryByFacts(db, asOf, customerId);
}

/** readDirectory from the managers and interactions as of T: what any T needs. */
export async function readDirectoryByFacts(db: SqlQueryable, asOf: string, customerId?: string): Promise<DirectoryEntry[]> {
  const rows = await db.query<DirectoryRow>(
    `select c.customer_id, c.kind, c.name, (extract(epoch from c.registered_at) * 1000)::float8 as registered_ms,
            (select m.manager_id from ${viewName('directory_managers')} m
              where m.customer_id = c.customer_id and m.at <= $1::timestamptz order by m.at desc, m.stream_version desc limit 1) as manager_id,
            l.last_ms, l.last_channel,
            (select (extract(epoch from max(v.at)) * 1000)::float8 from ${viewName('directory_interactions')} v
              where v.customer_id = c.customer_id and v.at <= $1::timestamptz and v.channel in ('visit', 'meeting')) as visit_ms
       from ${viewName('directory_customers')} c
       left join lateral (select (extract(epoch from i.at) * 1000)::float8 as last_ms, i.channel as last_channel
                            from ${viewName('directory_interactions')} i
                           where i.customer_id = c.customer_id and i.at <= $1::timestamptz
                           order by i.at desc, i.stream_version desc limit 1) l on true
      where c.registered_at <= $1::timestamptz and (c.erased_at is null or c.erased_at > $1::timestamptz)
        and ($2::text is null or c.customer_id = $2)
      order by c.customer_id`,
    [asOf, customerId ?? null],
  );
  return entriesOf(rows);
}

