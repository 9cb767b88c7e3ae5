import type { SqlQueryable } from './sql-client';

/**
 * A lease names the one process that does a piece of background work (applies a projection,
 * delivers webhooks, publishes to NATS). Taken when free or expired, renewed by its holder; a
 * holder that dies stops renewing and another takes over when the lease runs out. Times are
 * the database's, so that processes' clocks need not agree. `table` has the columns
 * `(name text primary key, holder text, expires_at timestamptz)`.
 */
export class Leases {
  constructor(private readonly table: string) {}

  /** Takes or renews the named leases for `holder`; answers the names it holds now. */
  async take(db: SqlQueryable, names: readonly string[], holder: string, leaseMs: number): Promise<string[]> {
    const rows = await db.query<{ name: string }>(
      `insert into ${this.table} (name, holder, expires_at)
       select name, $2, now() + $3 * interval '1 millisecond' from unnest($1::text[]) as name
       on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
         where ${this.table}.holder = excluded.holder or ${this.table}.expires_at < now()
       returning name`,
      [names, holder, leaseMs],
    );
    return rows.map((r) => r.name);
  }

  /** Hands back every lease `holder` has. */
  async release(db: SqlQueryable, holder: string): Promise<void> {
    await db.query(`delete from ${this.table} where holder = $1`, [holder]);
  }

  /** The process holding the lease now (not run out), or null when none does. */
  async holder(db: SqlQueryable, name: string): Promise<string | null> {
    const [row] = await db.query<{ holder: string }>(`select holder from ${this.table} where name = $1 and expires_at >= now()`, [name]);
    return row?.holder ?? null;
  }
}

/** The DDL of a lease table for `Leases`. */
export function leaseTable(table: string): string {
  return `create table ${table} (name text primary key, holder text not null, expires_at timestamptz not null);`;
}
