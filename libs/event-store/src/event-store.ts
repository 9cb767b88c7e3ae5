/**
 * The event-store port (DESIGN.md §3). Every adapter passes `testing/event-store-port-contract`;
 * those built on `SqlEventStore` pass `testing/sql-event-store-contract` on top.
 */
import type { WrongExpectedVersionError } from './errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `no_stream`: the stream must not exist yet; `any`: no check; a number: the stream's last version. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface EventMetadata {
  actor?: string;
  correlationId?: string;
  causationId?: string;
  /** Business time (ISO 8601); defaults to the time the event is recorded. */
  occurredAt?: string;
  /** Further keys travel along unchanged. */
  [key: string]: JsonValue | undefined;
}

export interface NewEvent {
  /** Supplied by the caller to make retries idempotent; a UUID is made otherwise. */
  eventId?: string;
  type: string;
  schemaVersion?: number;
  data: JsonObject;
  metadata?: EventMetadata;
}

export interface RecordedEvent {
  /**
   * Global position in `$all`, strictly increasing but not dense: an adapter may
   * skip numbers (KurrentDB's are log offsets; SQL leaves one where an append rolled back).
   */
  position: number;
  eventId: string;
  streamId: string;
  /** 0-based, gap-free within the stream. */
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata & { occurredAt: string };
  /** Server time (ISO 8601, millisecond precision). */
  recordedAt: string;
}

export interface AppendRequest {
  streamId: string;
  events: readonly NewEvent[];
  expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  streamId: string;
  /** Version of the last event now in the stream: the next append's expected version. */
  streamVersion: number;
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First version to read (inclusive); default 0. */
  fromVersion?: number;
  /** Last version to read (inclusive). */
  toVersion?: number;
  /** Only events whose business time `occurredAt` is at or before this instant. */
  asOf?: Date | string;
  /** Only events recorded at or before this instant: what the system knew then. */
  knownAt?: Date | string;
}

export interface ReadAllOptions {
  /** First global position to read (inclusive); default the beginning. */
  from?: number;
  /** Last global position to read (inclusive); default what is committed now. */
  to?: number;
  /** Only these event types. */
  types?: readonly string[];
  /** Only this stream. */
  streamId?: string;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Ends the subscription. */
  signal?: AbortSignal;
  /** How long to wait between polls once caught up, in ms. */
  idlePollMs?: number;
  /**
   * Events per page at most (default the store's own, 1,000 for SQL). A page that is full says
   * more was ready; a shorter one that the subscription had caught up, or reached a position a
   * writer still held.
   */
  pageSize?: number;
}

export interface BrokenLink {
  streamId: string;
  version: number;
  /** Hash the chain says this event must have (hex). */
  expected: string;
  /** Hash stored with the event (hex). */
  found: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  broken: BrokenLink[];
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult>;
  /**
   * Appends to several distinct streams in one transaction, each with its own
   * expected version; a stream whose check fails gets its conflict and takes
   * nothing else down. If the write fails as a whole (another writer raced on
   * one of the streams), each append is tried again on its own.
   */
  appendToStreams(requests: readonly AppendRequest[]): Promise<(AppendResult | WrongExpectedVersionError)[]>;
  /** Version of the stream's last event, or -1 when the stream does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** The highest global position stored so far (0 when empty); positions below it may still be in flight. */
  headPosition(): Promise<number>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** `$all` in position order up to what is committed now; never skips a position a writer still holds. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** `$all` from a position, then live, until the signal aborts. Never skips or reorders an event. */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Checks every link of the per-stream hash chains (or one stream's). */
  verify(options?: { streamId?: string }): Promise<VerifyResult>;
  close(): Promise<void>;
}

/** An event with its link in its stream's hash chain (DESIGN.md §3). */
export interface ChainedEvent extends RecordedEvent {
  /** sha256 (hex) over the previous link and this event's canonical form. */
  hash: string;
  /** The link of the event before it in its stream; '' for a stream's first event. */
  previousHash: string;
  /**
   * The data and metadata (without `occurredAt`) as stored and hashed, where they
   * differ from what readers see (sealed personal data); absent when they do not.
   */
  stored?: { data: JsonObject; metadata: JsonObject };
}

/** Reads with each event's chain link, for auditors and exports. */
export interface ChainedReads {
  /** As `readStream`, each event with its link. */
  readStreamChained(streamId: string, options?: ReadStreamOptions): AsyncIterable<ChainedEvent>;
  /** As `readAll`, each event with its link. */
  readAllChained(options?: ReadAllOptions): AsyncIterable<ChainedEvent>;
}

/** A page of `$all` and where the next one starts. */
export interface AllPage {
  /** At most the page's limit, in position order. */
  events: RecordedEvent[];
  /** The position to read from next: past every event returned and every settled position that matched nothing. */
  next: number;
}

/** Pages of `$all` for readers that come back later (a feed's client): each says where the next begins. */
export interface PagedAllReads {
  /**
   * As `readAll`, at most `limit` events; `next` never passes a position a writer still holds.
   * At such a position the page waits up to `holeWaitMs` (default 1,000) for its writer, then
   * ends there: a client that comes back later is not held by a long transaction.
   */
  readAllPage(options: ReadAllOptions & { limit: number; holeWaitMs?: number }): Promise<AllPage>;
  /** The events at these positions, in position order; a position with no event is left out (ask only for settled ones). */
  readEventsAt(positions: readonly number[]): Promise<RecordedEvent[]>;
  /** As `subscribe`, in the pages the events were read in (none empty): a consumer that writes them out does so once a page. */
  subscribePages(options?: SubscribeOptions): AsyncIterable<readonly RecordedEvent[]>;
}

/**
 * An event store that can do other work in the transaction that appends: both
 * take effect or neither. `Tx` is the storage's transaction handle. (Crypto-
 * shredding destroys a stream's key in the transaction that records its erasure.)
 */
export interface AppendWithSideWork<Tx> {
  /**
   * Like `append`; `sideWork` runs in the same transaction once the events are
   * written, and not at all when nothing is (a conflict, or a retry answered
   * from what is stored).
   */
  appendWith(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
    sideWork: (tx: Tx) => Promise<void>,
  ): Promise<AppendResult>;
}
