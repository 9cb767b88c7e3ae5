import type { SqlClient } from './sql-client';

/** An ordered, append-only list of schema steps and the table that records which ran. */
export interface Migrations {
  /** Records the versions applied, one row each. */
  table: string;
  /** Key of the advisory lock that keeps concurrent starts from racing. */
  lock: number;
  /** Step n is version n + 1; steps are never edited or reordered once released, only appended. */
  steps: readonly string[];
}

/** Applies the steps not applied yet, each once and in order, all in one transaction. */
export async function migrate(client: SqlClient, { table, lock, steps }: Migrations): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(${lock})`);
    await tx.query(`create table if not exists ${table} (version integer primary key, applied_at timestamptz not null default now())`);
    const rows = await tx.query<{ version: number }>(`select coalesce(max(version), 0)::int as version from ${table}`);
    for (let version = (rows[0]?.version ?? 0) + 1; version <= steps.length; version++) {
      await tx.exec(steps[version - 1]);
      await tx.query(`insert into ${table} (version) values ($1)`, [version]);
    }
  });
}
