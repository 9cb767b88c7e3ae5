import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { asBuffer } from './bytea';
import type { MasterKeys } from './master-keys';

export interface RewrapOptions {
  /** Keys rewrapped per transaction. */
  batchSize: number;
  /** Stops between batches; what is left is rewrapped by the next run. */
  signal?: AbortSignal;
  /** After each batch: how many this run rewrapped, of how many it found to do. */
  onProgress?: (progress: { rewrapped: number; total: number }) => void;
}

export interface RewrapOutcome {
  rewrapped: number;
  /** Keys wrapped under another master key than the current one once the run ended, per master key id: none, once a rotation is done. */
  left: Record<string, number>;
}

/**
 * A rotation: every stream key wrapped under a previous master key is
 * unwrapped and wrapped again under the current one, a batch per
 * transaction. The stream keys themselves do not change, so no event is
 * rewritten and every hash stays as it is. A shredding meanwhile waits for
 * the batch that holds its row, then shreds it; a tombstone is never touched.
 */
export async function rewrapStreamKeys(client: SqlClient, masterKeys: MasterKeys, { batchSize, signal, onProgress }: RewrapOptions): Promise<RewrapOutcome> {
  const previous = masterKeys.previousIds;
  const [{ total }] = await client.query<{ total: number }>(`select count(*)::int as total from crm_stream_keys where master_key_id = any($1::text[])`, [previous]);
  let rewrapped = 0;
  onProgress?.({ rewrapped, total });
  for (const id of previous) {
    while (!signal?.aborted) {
      const done = await client.transaction((tx) => rewrapBatch(tx, masterKeys, id, batchSize));
      if (done === 0) break;
      rewrapped += done;
      onProgress?.({ rewrapped, total: Math.max(total, rewrapped) });
    }
  }
  const rows = await client.query<{ id: string; keys: number }>(
    `select master_key_id as id, count(*)::int as keys from crm_stream_keys where master_key_id <> $1 group by master_key_id order by master_key_id`,
    [masterKeys.current.id],
  );
  return { rewrapped, left: Object.fromEntries(rows.map((row) => [row.id, row.keys])) };
}

async function rewrapBatch(tx: SqlQueryable, masterKeys: MasterKeys, masterKeyId: string, batchSize: number): Promise<number> {
  const rows = await tx.query<{ stream_id: string; wrapped_key: Uint8Array }>(
    `select stream_id, wrapped_key from crm_stream_keys where master_key_id = $1 order by stream_id limit $2 for update`,
    [masterKeyId, batchSize],
  );
  if (rows.length === 0) return 0;
  const wrapped = rows.map((row) => {
    const key = masterKeys.unwrap(row.stream_id, { masterKeyId, wrapped: asBuffer(row.wrapped_key) });
    return masterKeys.wrap(row.stream_id, key).wrapped.toString('base64');
  });
  await tx.query(
    `update crm_stream_keys k set wrapped_key = decode(w.wrapped, 'base64'), master_key_id = $3
     from unnest($1::text[], $2::text[]) as w(stream_id, wrapped) where k.stream_id = w.stream_id and k.master_key_id = $4`,
    [rows.map((row) => row.stream_id), wrapped, masterKeys.current.id, masterKeyId],
  );
  return rows.length;
}
