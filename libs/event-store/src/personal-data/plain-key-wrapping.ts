import type { SqlClient } from '../sql/sql-client';
import { asBuffer } from './bytea';
import type { MasterKeys } from './master-keys';

/**
 * Wraps the stream keys stored in plain before envelope encryption, and
 * clears them, a batch per transaction in stream order. Idempotent, and safe
 * for processes that start together: a row another one has locked is waited
 * for, then found wrapped and passed, so whichever returns has seen none left.
 * Answers how many this process wrapped.
 */
export async function wrapPlainKeys(client: SqlClient, masterKeys: MasterKeys, batchSize: number): Promise<number> {
  let wrapped = 0;
  for (let after = ''; ; ) {
    const batch = await client.transaction(async (tx) => {
      const rows = await tx.query<{ stream_id: string; key: Uint8Array }>(
        `select stream_id, key from crm_stream_keys where key is not null and stream_id > $1 order by stream_id limit $2 for update`,
        [after, batchSize],
      );
      if (rows.length === 0) return [];
      const keys = rows.map((row) => masterKeys.wrap(row.stream_id, asBuffer(row.key)).wrapped.toString('base64'));
      await tx.query(
        `update crm_stream_keys k set wrapped_key = decode(w.wrapped, 'base64'), master_key_id = $3, key = null
         from unnest($1::text[], $2::text[]) as w(stream_id, wrapped) where k.stream_id = w.stream_id`,
        [rows.map((row) => row.stream_id), keys, masterKeys.current.id],
      );
      return rows.map((row) => row.stream_id);
    });
    if (batch.length === 0) return wrapped;
    wrapped += batch.length;
    after = batch[batch.length - 1];
  }
}
