import { PersonalDataErasedError } from '../errors';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { asBuffer } from './bytea';
import { isSubjectKey, keyName, streamOfKey, subjectKeysOfStream } from './key-names';
import { checkMasterKeys } from './master-key-check';
import type { MasterKeys, WrappedKey } from './master-keys';
import { wrapPlainKeys } from './plain-key-wrapping';
import type { StreamKeyVault } from './stream-key-vault';
import { rewrapStreamKeys, type RewrapOptions, type RewrapOutcome } from './stream-key-rotation';
import { newStreamKey } from './sealing';
import { storeWrappedKeys } from './wrapped-key-import';
import { listWrappedKeys, listWrappedKeysOfStream, type WrappedKeyPage, type WrappedStreamKey } from './wrapped-key-listing';

/** Sent at the commit of a shredding, with the key's name (key-names.ts: the stream id, or the stream and the subject), to every process on the database. */
export const streamKeyShreddedChannel = 'crm_stream_key_shredded';

/** A live key is looked up again after this long, in case a shredding notice was missed. */
const recheckMs = 30_000;
const maxCached = 20_000;
/** Keys wrapped or rewrapped per transaction: short ones, which a shredding or a first write hardly waits for. */
const defaultBatchSize = 500;

interface Cached {
  /** null: shredded for good, or (not `shredded`) no key made yet, which is looked up again like a live key. */
  key: Buffer | null;
  shredded: boolean;
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
 * memory. The database holds each key only wrapped under a master key it
 * never sees (envelope encryption), so a dump of it opens no personal data.
 * A stream's data subjects (its contact persons) have keys of their own, in
 * rows named after the stream and the subject (key-names.ts). A shredded key
 * is forgotten at once by every process that hears the notice; one that
 * missed it trusts a cached key 30 s at most.
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
    keys.stopListening = await client.listen(streamKeyShreddedChannel, (name) => keys.shredded(name));
    return keys;
  }

  /** The stream's key, or the subject's on it, made on first use; refused once shredded (a subject's also once the stream's is). */
  async forWriting(streamId: string, subject?: string): Promise<Buffer> {
    const name = keyName(streamId, subject);
    // The stream's erasure is told first: it shreds every subject's key with the stream's.
    if (subject !== undefined && this.known(streamId) === null) throw new PersonalDataErasedError(streamId);
    const known = this.known(streamId, subject);
    if (known === null) throw new PersonalDataErasedError(streamId, subject);
    if (known) return known;
    // A subject's key is made only beside the stream's live one (made here first if need be): see madeFor.
    if (subject !== undefined) await this.forWriting(streamId);
    // Under concurrent first uses, the loser's statement may not see the winner's row yet: a new statement does.
    for (let attempt = 0; attempt < 3; attempt++) {
      const made = newStreamKey();
      const [row] = await this.madeFor(streamId, subject, this.masterKeys.wrap(name, made));
      if (!row) {
        if (subject !== undefined && (await this.streamShredded(streamId))) throw new PersonalDataErasedError(streamId);
        continue;
      }
      const key = row.made ? made : this.unwrapped(name, row);
      this.remember(name, key, key === null);
      if (!key) throw new PersonalDataErasedError(streamId, subject);
      return key;
    }
    throw new Error(`No key could be made or read for ${subject === undefined ? `stream ${streamId}` : `${subject} on stream ${streamId}`}.`);
  }

  /**
   * Inserts the key unless its row exists, and answers the row either way (none when the row
   * was committed by another after this statement began, or, for a subject, when the stream's
   * key is shredded). A subject's key is inserted only while the stream's row holds a live key,
   * which the statement locks (FOR SHARE) until it commits: a customer's erasure, which shreds
   * the stream's row first and the subjects' after, either waits for this key and shreds it
   * too, or shredded the stream's first, and then no key is made.
   */
  private madeFor(streamId: string, subject: string | undefined, { masterKeyId, wrapped }: WrappedKey): Promise<(KeyRow & { made: boolean })[]> {
    const answer = `select true as made, wrapped_key, master_key_id from made
       union all
       select false, wrapped_key, master_key_id from crm_stream_keys where stream_id = $1 and not exists (select 1 from made)`;
    if (subject === undefined) {
      return this.client.query(
        `with made as (
           insert into crm_stream_keys (stream_id, wrapped_key, master_key_id) values ($1, $2, $3)
           on conflict (stream_id) do nothing returning wrapped_key, master_key_id
         )
         ${answer}`,
        [streamId, wrapped, masterKeyId],
      );
    }
    return this.client.query(
      `with stream as (select 1 from crm_stream_keys where stream_id = $4 and wrapped_key is not null for share),
       made as (
         insert into crm_stream_keys (stream_id, wrapped_key, master_key_id) select $1, $2, $3 from stream
         on conflict (stream_id) do nothing returning wrapped_key, master_key_id
       )
       ${answer}`,
      [keyName(streamId, subject), wrapped, masterKeyId, streamId],
    );
  }

  /** Whether the stream's key is a tombstone, as the database says now. */
  private async streamShredded(streamId: string): Promise<boolean> {
    const [row] = await this.client.query<{ shredded: boolean }>(`select shredded_at is not null as shredded from crm_stream_keys where stream_id = $1`, [streamId]);
    if (row?.shredded) this.shredded(streamId);
    return row?.shredded ?? false;
  }

  /** The stream's key, or the subject's on it; null when it was shredded (or never made). */
  async forReading(streamId: string, subject?: string): Promise<Buffer | null> {
    const known = this.known(streamId, subject);
    if (known !== undefined) return known;
    return (await this.lookUp(keyName(streamId, subject)))?.key ?? null;
  }

  async subjectErased(streamId: string, subject: string): Promise<boolean> {
    const name = keyName(streamId, subject);
    const entry = this.cache.get(name);
    if (entry && (entry.shredded || Date.now() - entry.checkedAt <= recheckMs)) return entry.shredded;
    const found = await this.lookUp(name);
    // No row: no key was made, nor a tombstone left; kept, and looked at again, like a live key.
    if (!found) this.remember(name, null, false);
    return found?.shredded ?? false;
  }

  private async lookUp(name: string): Promise<Cached | undefined> {
    const [row] = await this.client.query<KeyRow>(`select wrapped_key, master_key_id from crm_stream_keys where stream_id = $1`, [name]);
    if (!row) return undefined;
    const key = this.unwrapped(name, row);
    return this.remember(name, key, key === null);
  }

  /**
   * Destroys a key inside the caller's transaction and leaves a tombstone, so
   * that no key is made for it again (for a subject even where none was made,
   * so that events sealed before subjects had keys know of the erasure).
   * Without a subject, the stream's key goes with every subject's on the
   * stream. Every process hears of it at commit.
   */
  async shred(tx: SqlQueryable, streamId: string, subject?: string): Promise<void> {
    const name = keyName(streamId, subject);
    await tx.query(
      `insert into crm_stream_keys (stream_id, shredded_at) values ($1, now())
       on conflict (stream_id) do update
       set key = null, wrapped_key = null, master_key_id = null, shredded_at = coalesce(crm_stream_keys.shredded_at, now())`,
      [name],
    );
    if (subject === undefined) {
      await tx.query(
        `update crm_stream_keys set key = null, wrapped_key = null, master_key_id = null, shredded_at = coalesce(shredded_at, now())
         where ${subjectKeysOfStream}`,
        [streamId],
      );
    }
    await tx.query(`select pg_notify($1, $2)`, [streamKeyShreddedChannel, name]);
  }

  /** After a committed shredding: this process knows at once, without waiting for the notice. */
  forget(streamId: string, subject?: string): void {
    this.shredded(keyName(streamId, subject));
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

  /** For a customer's export: the stream's own key row and its data subjects'. */
  listWrappedOfStream(streamId: string): Promise<WrappedStreamKey[]> {
    return listWrappedKeysOfStream(this.client, streamId);
  }

  /** For an import into a database opened with the same master key: stores exported rows as given. */
  storeWrapped(keys: readonly WrappedStreamKey[]): Promise<void> {
    return storeWrappedKeys(this.client, this.masterKeys, keys);
  }

  async close(): Promise<void> {
    await this.stopListening?.();
  }

  /** What is kept in memory, without a query: undefined when not known (or to be checked again), null when shredded. */
  known(streamId: string, subject?: string): Buffer | null | undefined {
    const entry = this.cache.get(keyName(streamId, subject));
    if (!entry) return undefined;
    if (entry.shredded) return null;
    if (!entry.key || Date.now() - entry.checkedAt > recheckMs) return undefined;
    return entry.key;
  }

  /** A key shredded, by this process or another: a stream's takes every subject key of the stream kept here with it. */
  private shredded(name: string): void {
    if (!isSubjectKey(name)) {
      for (const kept of [...this.cache.keys()]) if (isSubjectKey(kept) && streamOfKey(kept) === name) this.remember(kept, null, true);
    }
    this.remember(name, null, true);
  }

  private unwrapped(name: string, row: KeyRow): Buffer | null {
    if (row.wrapped_key === null) return null;
    return this.masterKeys.unwrap(name, { masterKeyId: row.master_key_id!, wrapped: asBuffer(row.wrapped_key) });
  }

  private remember(name: string, key: Buffer | null, shredded: boolean): Cached {
    const entry = { key, shredded, checkedAt: Date.now() };
    this.cache.delete(name);
    this.cache.set(name, entry);
    if (this.cache.size > maxCached) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}
