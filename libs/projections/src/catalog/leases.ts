import type { SqlQueryable } from '@crm/event-store';

/**
 * A lease names the one process that applies a projection. Taken when free or expired,
 * renewed by its holder; a holder that dies stops renewing and another takes over when the
 * lease runs out. Times are the database's, so that processes' clocks need not agree.
 */
export async function takeLeases(db: SqlQueryable, names: readonly string[], holder: string, leaseMs: number): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `insert into crm_projection_leases (name, holder, expires_at)
     select name, $2, now() + $3 * interval '1 millisecond' from unnest($1::text[]) as name
     on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where crm_projection_leases.holder = excluded.holder or crm_projection_leases.expires_at < now()
     returning name`,
    [names, holder, leaseMs],
  );
  return rows.map((r) => r.name);
}

export async function releaseLeases(db: SqlQueryable, holder: string): Promise<void> {
  await db.query(`delete from crm_projection_leases where holder = $1`, [holder]);
}
