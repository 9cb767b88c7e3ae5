import type { SqlQueryable } from '@crm/event-store';

/** The process applying a projection now (its lease not run out), or null when none does. */
export async function leaseHolder(db: SqlQueryable, name: string): Promise<string | null> {
  const [row] = await db.query<{ holder: string }>(`select holder from crm_projection_leases where name = $1 and expires_at >= now()`, [name]);
  return row?.holder ?? null;
}
