import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import { pastHorizon } from '../horizon';
import { entriesOf, type DirectoryEntry, type DirectoryRow } from './directory-entry';

/**
 * readDirectory from each customer's kept latest facts, for a T past the horizon (every fact
 * held happened by then, so the erased are those erased at all); undefined before it.
 */
export async function readKeptDirectory(db: SqlQueryable, asOf: string, customerId?: string): Promise<DirectoryEntry[] | undefined> {
  // One row (with no customer) when T is before the horizon or there is nobody: the check and the rows in one snapshot.
  const rows = await db.query<{ past: boolean } & { [K in keyof DirectoryRow]: DirectoryRow[K] | null }>(
    `with past as (select ${pastHorizon(viewName('directory_horizon'), '$1', viewName('directory_unkept'))} as yes)
     select past.yes as past, c.customer_id, c.kind, c.name, (extract(epoch from c.registered_at) * 1000)::float8 as registered_ms, c.manager_id,
            (extract(epoch from c.last_at) * 1000)::float8 as last_ms, c.last_channel, (extract(epoch from c.last_visit_at) * 1000)::float8 as visit_ms
       from past left join ${viewName('directory_customers')} c on past.yes and c.erased_at is null and ($2::text is null or c.customer_id = $2)
      order by c.customer_id`,
    [asOf, customerId ?? null],
  );
  if (!rows[0].past) return undefined;
  return entriesOf(rows.filter((r): r is typeof r & DirectoryRow => r.customer_id !== null));
}

