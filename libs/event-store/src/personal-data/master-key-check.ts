import type { SqlQueryable } from '../sql/sql-client';
import { UnknownMasterKeyError } from './master-key-errors';
import type { MasterKeys } from './master-keys';

/**
 * Refuses a start whose master keys do not open every wrapped key in the
 * database (a wrong key, a lost key file, a previous key dropped before its
 * rotation was done), naming the ids missing: the alternative is reading
 * those customers as erased, or failing on each as it is read.
 */
export async function checkMasterKeys(client: SqlQueryable, masterKeys: MasterKeys): Promise<void> {
  const unknown = (await masterKeyIdsInUse(client)).filter((id) => !masterKeys.has(id));
  if (unknown.length === 0) return;
  const [{ keys }] = await client.query<{ keys: number }>(`select count(*)::int as keys from crm_stream_keys where master_key_id = any($1::text[])`, [unknown]);
  throw new UnknownMasterKeyError(unknown, masterKeys.describe(), keys === 1 ? '1 stream key in the database is' : `${keys} stream keys in the database are`);
}

/** The distinct master key ids of the wrapped keys: one index probe per id (a loose index scan), not a pass over every row. */
export async function masterKeyIdsInUse(client: SqlQueryable): Promise<string[]> {
  const rows = await client.query<{ id: string }>(
    `with recursive ids as (
       (select master_key_id as id from crm_stream_keys where master_key_id is not null order by master_key_id limit 1)
       union all
       select (select k.master_key_id from crm_stream_keys k where k.master_key_id > ids.id order by k.master_key_id limit 1) from ids where ids.id is not null
     )
     select id from ids where id is not null`,
  );
  return rows.map((row) => row.id);
}
