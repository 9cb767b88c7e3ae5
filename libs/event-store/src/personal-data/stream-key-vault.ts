/**
 * Where the per-stream keys live; `Tx` is the event store's transaction
 * handle, so that a key is shredded in the transaction that records the erasure.
 */
export interface StreamKeyVault<Tx> {
  /** The stream's key, made on first use; throws `PersonalDataErasedError` once it was shredded. */
  forWriting(streamId: string): Promise<Buffer>;
  /** The stream's key, or null when it was shredded (or never made). */
  forReading(streamId: string): Promise<Buffer | null>;
  /** What memory holds, without a look-up: undefined when not known, null when shredded. */
  known(streamId: string): Buffer | null | undefined;
  /** Destroys the stream's key for good, inside `tx`. */
  shred(tx: Tx, streamId: string): Promise<void>;
  /** After a committed shredding: treat the key as gone at once. */
  forget(streamId: string): void;
  close(): Promise<void>;
}
