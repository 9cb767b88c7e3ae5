/**
 * Where the keys of crypto-shredding live: one per stream for its own personal data, and one per
 * data subject on a stream (a contact person) for theirs. `Tx` is the event store's transaction
 * handle, so that a key is shredded in the transaction that records the erasure.
 */
export interface StreamKeyVault<Tx> {
  /**
   * The stream's key, or the subject's on the stream, made on first use; throws
   * `PersonalDataErasedError` once it was shredded (a subject's also once the stream's was).
   */
  forWriting(streamId: string, subject?: string): Promise<Buffer>;
  /** That key, or null when it was shredded (or never made). */
  forReading(streamId: string, subject?: string): Promise<Buffer | null>;
  /** What memory holds, without a look-up: undefined when not known, null when shredded. */
  known(streamId: string, subject?: string): Buffer | null | undefined;
  /** Whether the subject's own erasure shredded their key (a tombstone is left even where none was made). */
  subjectErased(streamId: string, subject: string): Promise<boolean>;
  /** Destroys a key for good, inside `tx`: the subject's alone, or without one the stream's and every subject's on it. */
  shred(tx: Tx, streamId: string, subject?: string): Promise<void>;
  /** After a committed shredding: treat the key (or keys) as gone at once. */
  forget(streamId: string, subject?: string): void;
  close(): Promise<void>;
}
