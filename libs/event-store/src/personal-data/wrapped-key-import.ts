import type { SqlClient } from '../sql/sql-client';
import { asBuffer } from './bytea';
import type { MasterKeys } from './master-keys';
import type { WrappedStreamKey } from './wrapped-key-listing';

/** An imported key that does not match the one the database already has for its stream. */
export class StreamKeyConflictError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} already has another key (or tombstone) in this database: its events could not be read with the one imported.`);
    this.name = 'StreamKeyConflictError';
  }
}

/**
 * Stores exported rows as given, in one transaction: for an import into a
 * database opened with the master key they are wrapped under. Each wrapped key
 * is opened first, so that a key of another master key or another stream is
 * refused before anything is stored. A row already stored the same is passed
 * (an import may run again); one stored otherwise refuses the whole batch.
 */
export async function storeWrappedKeys(client: SqlClient, masterKeys: MasterKeys, keys: readonly WrappedStreamKey[]): Promise<void> {
  const streams = new Set<string>();
  for (const key of keys) {
    if (streams.has(key.streamId)) throw new Error(`Stream ${key.streamId} is given twice`);
    streams.add(key.streamId);
    if (!key.shredded) masterKeys.unwrap(key.streamId, { masterKeyId: key.masterKeyId, wrapped: key.wrappedKey });
    // Rows read from a file may not be what their type says: a tombstone with a key would be stored as a key.
    else if ((key as { masterKeyId: unknown }).masterKeyId !== null || (key as { wrappedKey: unknown }).wrappedKey !== null) {
      throw new Error(`The tombstone of stream ${key.streamId} carries a key`);
    }
  }
  if (keys.length === 0) return;
  await client.transaction(async (tx) => {
    const stored = await tx.query<{ stream_id: string }>(
      // A tombstone is the row without a wrapped key (checked above).
      `insert into crm_stream_keys (stream_id, master_key_id, wrapped_key, shredded_at)
       select k.stream_id, k.master_key_id, decode(k.wrapped_key, 'base64'), case when k.wrapped_key is null then now() end
       from unnest($1::text[], $2::text[], $3::text[]) as k(stream_id, master_key_id, wrapped_key)
       on conflict (stream_id) do nothing
       returning stream_id`,
      [keys.map((k) => k.streamId), keys.map((k) => k.masterKeyId), keys.map((k) => k.wrappedKey?.toString('base64') ?? null)],
    );
    const inserted = new Set(stored.map((row) => row.stream_id));
    const others = keys.filter((key) => !inserted.has(key.streamId));
    if (others.length === 0) return;
    const existing = await tx.query<{ stream_id: string; master_key_id: string | null; wrapped_key: Uint8Array | null }>(
      `select stream_id, master_key_id, wrapped_key from crm_stream_keys where stream_id = any($1::text[])`,
      [others.map((key) => key.streamId)],
    );
    const byStream = new Map(existing.map((row) => [row.stream_id, row]));
    for (const key of others) {
      const row = byStream.get(key.streamId)!;
      const same = key.shredded
        ? row.wrapped_key === null
        : row.master_key_id === key.masterKeyId && row.wrapped_key !== null && asBuffer(row.wrapped_key).equals(key.wrappedKey);
      if (!same) throw new StreamKeyConflictError(key.streamId);
    }
  });
}
