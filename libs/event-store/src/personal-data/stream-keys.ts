import { PersonalDataErasedError } from '../errors';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import type { StreamKeyVault } from './stream-key-vault';
import { newStreamKey } from './sealing';

/** Sent at the commit of a shredding, with the stream id, to every process on the database. */
export const streamKeyShreddedChannel = 'crm_stream_key_shredded';

/** A live key is looked up again after this long, in case a shredding notice was missed. */
const recheckMs = 30_000;
const maxCached = 20_000;

interface Cached {
  /** null: shredded, for good. */
  key: Buffer | null;
  checkedAt: number;
}

/**
 * The key vault of crypto-shredding in SQL (table `crm_stream_keys`), kept in
 * memory. A shredded key is forgotten at once by every process that hears
 * the notice; one that missed it trusts a cached key 30 s at most.
 */
export class StreamKeys implements StreamKeyVault<SqlQueryable> {
  private readonly cache = new Map<string, Cached>();
  private stopListening?: () => Promise<void>;

  private constructor(private readonly client: SqlClient) {}

  static async open(client: SqlClient): Promise<StreamKeys> {
    const keys = new StreamKeys(client);
    keys.stopListening = await client.listen(streamKeyShreddedChannel, (streamId) => keys.remember(streamId, null));
    return keys;
  }

  /** The stream's key, made on first use; refused once the stream's key was shredded. */
  async forWriting(streamId: string): Promise<Buffer> {
    const known = this.known(streamId);
    if (known === null) throw new PersonalDataErasedError(streamId);
    if (known) return known;
    // Under concurrent first uses, the loser's statement may not see the winner's row yet: a new statement does.
    for (let attempt = 0; attempt < 3; attempt++) {
      const [row] = await this.client.query<{ key: Uint8Array | null }>(
        `with made as (
           insert into crm_stream_keys (stream_id, key) values ($1, $2) on conflict (stream_id) do nothing returning key
         )
         select key from made
         union all
         select key from crm_stream_keys where stream_id = $1 and not exists (select 1 from made)`,
        [streamId, newStreamKey()],
      );
      if (!row) continue;
      const key = asBuffer(row.key);
      this.remember(streamId, key);
      if (!key) throw new PersonalDataErasedError(streamId);
      return key;
    }
    throw new Error(`No key could be made or read for stream ${streamId}.`);
  }

  /** The stream's key, or null when it was shredded (or never made). */
  async forReading(streamId: string): Promise<Buffer | null> {
    const known = this.known(streamId);
    if (known !== undefined) return known;
    const [row] = await this.client.query<{ key: Uint8Array | null }>(`select key from crm_stream_keys where stream_id = $1`, [streamId]);
    if (!row) return null;
    const key = asBuffer(row.key);
    this.remember(streamId, key);
    return key;
  }

  /**
   * Destroys the stream's key inside the caller's transaction and leaves a
   * tombstone, so that no key is made for it again; every process hears of
   * it at commit.
   */
  async shred(tx: SqlQueryable, streamId: string): Promise<void> {
    await tx.query(
      `insert into crm_stream_keys (stream_id, key, shredded_at) values ($1, null, now())
       on conflict (stream_id) do update set key = null, shredded_at = coalesce(crm_stream_keys.shredded_at, now())`,
      [streamId],
    );
    await tx.query(`select pg_notify($1, $2)`, [streamKeyShreddedChannel, streamId]);
  }

  /** After a committed shredding: this process knows at once, without waiting for the notice. */
  forget(streamId: string): void {
    this.remember(streamId, null);
  }

  async close(): Promise<void> {
    await this.stopListening?.();
  }

  /** What is kept in memory, without a query: undefined when not known (or to be checked again), null when shredded. */
  known(streamId: string): Buffer | null | undefined {
    const entry = this.cache.get(streamId);
    if (!entry) return undefined;
    if (entry.key && Date.now() - entry.checkedAt > recheckMs) return undefined;
    return entry.key;
  }

  private remember(streamId: string, key: Buffer | null): void {
    this.cache.delete(streamId);
    this.cache.set(streamId, { key, checkedAt: Date.now() });
    if (this.cache.size > maxCached) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** postgres.js answers bytea as a Buffer, PGlite as a Uint8Array. */
function asBuffer(bytes: Uint8Array | null): Buffer | null {
  return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
