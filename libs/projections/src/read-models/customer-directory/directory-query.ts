import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';

/** A customer of the population at T (C2) as the directory knows it then. */
export interface DirectoryEntry {
  customerId: string;
  kind: string;
  /** Null once erased (for an asOf before the erasure). */
  name: string | null;
  registeredAt: number;
  /** The latest assignment at or before T. */
  managerId: string | null;
  /** The latest interaction of any channel at or before T, and its channel. */
  lastInteractionAt: number | null;
  lastInteractionChannel: string | null;
  /** The latest visit or meeting at or before T. */
  lastVisitAt: number | null;
}

/** Every customer registered at or before T and not erased by T, or only one of them; sorted by customerId. */
export async function readDirectory(db: SqlQueryable, asOf: string, customerId?: string): Promise<DirectoryEntry[]> {
  const rows = await db.query<{
    customer_id: string;
    kind: string;
    name: string | null;
    registered_ms: number;
    manager_id: string | null;
    last_ms: number | null;
    last_channel: string | null;
    visit_ms: number | null;
  }>(
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
  return rows.map((r) => ({
    customerId: r.customer_id,
    kind: r.kind,
    name: r.name,
    registeredAt: Number(r.registered_ms),
    managerId: r.manager_id,
    lastInteractionAt: r.last_ms === null ? null : Number(r.last_ms),
    lastInteractionChannel: r.last_channel,
    lastVisitAt: r.visit_ms === null ? null : Number(r.visit_ms),
  }));
}
