import { PersonalDataErasedError } from '../errors';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { asBuffer } from './bytea';
import { checkMasterKeys } from './master-key-check';
import type { MasterKeys } from './master-keys';
import { wrapPlainKeys } from './plain-key-wrapping';
import type { StreamKeyVault } from './stream-key-vault';
import { rewrapStreamKeys, type RewrapOptions, type RewrapOutcome } from './stream-key-rotation';
import { newStreamKey } from './sealing';
import { storeWrappedKeys } from './wrapped-key-import';
import { listWrappedKeys, type WrappedKeyPage, type WrappedStreamKey } from './wrapped-key-listing';

/** Sent at the commit of a shredding, with the stream id, to every process on the database. */
export const streamKeyShreddedChannel = 'crm_stream_key_shredded';

/** A live key is looked up again after this long, in case a shredding notice was missed. */
const recheckMs = 30_000;
const maxCached = 20_000;
/** Keys wrapped or rewrapped per transaction: short ones, which a shredding or a first write hardly waits for. */
const defaultBatchSize = 500;

interface Cached {
  /** null: shredded, for good. */
  key: Buffer | null;
  checkedAt: number;
}

/** A row as the key look-ups read it; no wrapped key: shredded. */
interface KeyRow {
  wrapped_key: Uint8Array | null;
  master_key_id: string | null;
}

export interface StreamKeysOptions {
  /** Plain keys of before envelope encryption wrapped per transaction at open. */
  batchSize?: number;
}

/**
 * The key vault of crypto-shredding in SQL (table `crm_stream_keys`), kept in
 * memory. The database holds each stream's key only wrapped under a master
 * key it never sees (envelope encryption), so a dump of it opens no personal
 * data. A shredded key is forgotten at once by every process that hears the
 * notice; one that missed it trusts a cached key 30 s at most.
 */
export class StreamKeys implements StreamKeyVault<SqlQueryable> {
  private readonly cache = new Map<string, Cached>();
  private stopListening?: () => Promise<void>;

  private constructor(
    private readonly client: SqlClient,
    readonly masterKeys: MasterKeys,
  ) {}

  /**
   * Refuses master keys that do not open every wrapped key in the database,
   * then wraps (and clears) any key still stored in plain from before.
   */
  static async open(client: SqlClient, masterKeys: MasterKeys, options: StreamKeysOptions = {}): Promise<StreamKeys> {
    await checkMasterKeys(client, masterKeys);
    await wrapPlainKeys(client, masterKeys, options.batchSize ?? defaultBatchSize);
    const keys = new StreamKeys(client, masterKeys);
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
      const made = newStreamKey();
      const { masterKeyId, wrapped } = this.masterKeys.wrap(streamId, made);
      const [row] = await this.client.query<KeyRow & { made: boolean }>(
        `with made as (
           insert into crm_stream_keys (stream_id, wrapped_key, master_key_id) values ($1, $2, $3)
           on conflict (stream_id) do nothing returning wrapped_key, master_key_id
         )
         select true as made, wrapped_key, master_key_id from made
         union all
         select false, wrapped_key, master_key_id from crm_stream_keys where stream_id = $1 and not exists (select 1 from made)`,
        [streamId, wrapped, masterKeyId],
      );
      if (!row) continue;
      const key = row.made ? made : this.unwrapped(streamId, row);
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
    const [row] = await this.client.query<KeyRow>(`select wrapped_key, master_key_id from crm_stream_keys where stream_id = $1`, [streamId]);
    if (!row) return null;
    const key = this.unwrapped(streamId, row);
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
      `insert into crm_stream_keys (stream_id, shredded_at) values ($1, now())
       on conflict (stream_id) do update
       set key = null, wrapped_key = null, master_key_id = null, shredded_at = coalesce(crm_stream_keys.shredded_at, now())`,
      [streamId],
    );
    await tx.query(`select pg_notify($1, $2)`, [streamKeyShreddedChannel, streamId]);
  }

  /** After a committed shredding: this process knows at once, without waiting for the notice. */
  forget(streamId: string): void {
    this.remember(streamId, null);
  }

  /**
   * Rewraps every key under a previous master key with the current one
   * (`crm rotate-keys`); afterwards the previous master keys are not needed.
   */
  rewrap(options: Partial<RewrapOptions> = {}): Promise<RewrapOutcome> {
    return rewrapStreamKeys(this.client, this.masterKeys, { ...options, batchSize: options.batchSize ?? defaultBatchSize });
  }

  /** For an export: one page of the wrapped keys and tombstones, in stream-id order, after a stream id. */
  listWrapped(page: { after?: string; limit: number }): Promise<WrappedKeyPage> {
    return listWrappedKeys(this.client, page);
  }

  /** For an import into a database opened with the same master key: stores exported rows as given. */
  storeWrapped(keys: readonly WrappedStreamKey[]): Promise<void> {
    return storeWrappedKeys(this.client, this.masterKeys, keys);
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

  private unwrapped(streamId: string, row: KeyRow): Buffer | null {
    if (row.wrapped_key === null) return null;
    return this.masterKeys.unwrap(streamId, { masterKeyId: row.master_key_id!, wrapped: asBuffer(row.wrapped_key) });
  }

  private remember(streamId: string, key: Buffer | null): void {
    this.cache.delete(streamId);
    this.cache.set(streamId, { key, checkedAt: Date.now() });
    if (this.cache.size > maxCached) this.cache.delete(this.cache.keys().next().value!);
  }
}
