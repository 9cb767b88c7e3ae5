import type { SqlQueryable } from '../sql/sql-client';
import { asBuffer } from './bytea';
import { subjectKeysOfStream } from './key-names';

/** A row of `crm_stream_keys` as exported and imported: a stream's key wrapped under a master key, or its tombstone. */
export type WrappedStreamKey =
  | { streamId: string; shredded: false; masterKeyId: string; wrappedKey: Buffer }
  | { streamId: string; shredded: true; masterKeyId: null; wrappedKey: null };

export interface WrappedKeyPage {
  keys: WrappedStreamKey[];
  /** The `after` of the next page; null on the last. */
  next: string | null;
}

/** One page of the wrapped keys in stream-id order, after a stream id (exclusive). */
export async function listWrappedKeys(client: SqlQueryable, { after, limit }: { after?: string; limit: number }): Promise<WrappedKeyPage> {
  if (!(Number.isInteger(limit) && limit > 0)) throw new RangeError(`limit must be a whole number above 0, not ${limit}`);
  // Two statements rather than an optional filter, so that both walk the primary key from where the page starts.
  const rows = await client.query<KeyRow>(
    after === undefined
      ? `select ${columns} from crm_stream_keys order by stream_id limit $1`
      : `select ${columns} from crm_stream_keys where stream_id > $2 order by stream_id limit $1`,
    after === undefined ? [limit + 1] : [limit + 1, after],
  );
  const keys = rows.slice(0, limit).map(toWrappedKey);
  return { keys, next: rows.length > limit ? keys[keys.length - 1].streamId : null };
}

/** One stream's rows: its own key and its data subjects' (key-names.ts), in stream-id order. */
export async function listWrappedKeysOfStream(client: SqlQueryable, streamId: string): Promise<WrappedStreamKey[]> {
  const rows = await client.query<KeyRow>(
    `select ${columns} from crm_stream_keys where stream_id = $1 or (${subjectKeysOfStream}) order by stream_id`,
    [streamId],
  );
  return rows.map(toWrappedKey);
}

interface KeyRow {
  stream_id: string;
  master_key_id: string | null;
  wrapped_key: Uint8Array | null;
  shredded: boolean;
}

const columns = `stream_id, master_key_id, wrapped_key, shredded_at is not null as shredded`;

function toWrappedKey(row: KeyRow): WrappedStreamKey {
  return row.shredded
    ? { streamId: row.stream_id, shredded: true, masterKeyId: null, wrappedKey: null }
    : { streamId: row.stream_id, shredded: false, masterKeyId: row.master_key_id!, wrappedKey: asBuffer(row.wrapped_key!) };
}
