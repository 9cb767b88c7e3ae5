import { EventIdConflictError, InvalidEventError, WrongExpectedVersionError } from '../errors';
import type {
  AllPage,
  AppendRequest,
  AppendResult,
  AppendWithSideWork,
  ChainedEvent,
  ChainedReads,
  PagedAllReads,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  VerifyResult,
} from '../event-store';
import {
  defaultAppendLimits,
  prepareEvents,
  validateExpectedVersion,
  validateInstant,
  validateStreamId,
  type AppendLimits,
  type PreparedEvent,
} from '../validation';
import { AllStreamReader, sleep } from './all-stream-reader';
import { GroupCommit, type PreparedAppend } from './group-commit';
import { toChainedEvent, toRecordedEvent, type ChainedEventRow, type EventRow } from './row-mapping';
import { migrate } from './migrations';
import { eventStoreMigrations } from './schema';
import { StreamHeads } from './stream-heads';
import { lostToConcurrentTransaction, pgErrorInfo, uniqueViolation, type SqlClient, type SqlQueryable } from './sql-client';
import {
  appendManyStatement,
  appendOneParameters,
  appendOneSeededStatement,
  appendOneStatement,
  appendToStreamsParameters,
  appendToStreamsStatement,
  eventsAtPositionsStatement,
  eventsByIdStatement,
  headPositionStatement,
  readStreamChainedStatement,
  readStreamStatement,
  streamVersionStatement,
  verifyStatement,
} from './statements';

export interface SqlEventStoreOptions {
  limits?: Partial<AppendLimits>;
  /** Rows fetched per round trip when reading. */
  pageSize?: number;
  /** How often a `$all` reader re-reads while it waits on a hole, in ms. */
  holePollMs?: number;
  /** How often a caught-up subscription polls for new events, in ms. */
  idlePollMs?: number;
  /** Write concurrent appends to different streams together (default on). */
  groupCommit?: boolean;
}

/** A written event; its business time is the one it was given, or else its recording time. */
interface AppendedRow {
  position: number;
  stream_version: number;
  recorded_at: Date;
  /** Hex; of a many-event append only the last event's comes back. */
  hash?: string;
}

/** The one row a many-event append answers; null positions when its version check failed. */
interface ManyAppended {
  /** Comma-separated, in version order. */
  positions: string | null;
  first_version: number;
  recorded_at: Date;
  hash: string;
}

/**
 * Times one append is tried while PostgreSQL rolls it back for a concurrent
 * transaction (a deadlock, or a serialization failure under a stricter
 * default isolation). An append to one stream locks little, so this takes
 * unusual contention: after a few tries the caller sees the error.
 */
const triesWhenRolledBack = 5;

/** The event store over any PostgreSQL-speaking client (PostgreSQL server, PGlite). */
export class SqlEventStore implements EventStore, AppendWithSideWork<SqlQueryable>, ChainedReads, PagedAllReads {
  private readonly limits: AppendLimits;
  private readonly pageSize: number;
  private readonly holePollMs: number;
  private readonly idlePollMs: number;
  private readonly groupCommit?: GroupCommit;
  private readonly heads = new StreamHeads();

  private constructor(
    readonly client: SqlClient,
    options: SqlEventStoreOptions,
  ) {
    this.limits = { ...defaultAppendLimits, ...options.limits };
    this.pageSize = options.pageSize ?? 1000;
    this.holePollMs = options.holePollMs ?? 1;
    this.idlePollMs = options.idlePollMs ?? 20;
    if (options.groupCommit !== false) {
      this.groupCommit = new GroupCommit((append) => this.writeOne(append), (appends) => this.writeMany(appends));
    }
  }

  /** Migrates the schema (idempotent) and returns a ready store. */
  static async open(client: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    await migrate(client, eventStoreMigrations);
    return new SqlEventStore(client, options);
  }

  async append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const append = this.prepared(streamId, events, expectedVersion);
    return this.groupCommit ? this.groupCommit.submit(append) : this.writeOne(append);
  }

  async appendToStreams(requests: readonly AppendRequest[]): Promise<(AppendResult | WrongExpectedVersionError)[]> {
    const streams = new Set<string>();
    const appends = requests.map((request, i) => {
      const streamId = validateStreamId(request.streamId, `requests[${i}].streamId`);
      if (streams.has(streamId)) throw new InvalidEventError(`requests[${i}].streamId`, 'names a stream that an earlier request of this call appends to already');
      streams.add(streamId);
      return { streamId, expected: validateExpectedVersion(request.expectedVersion), events: prepareEvents(request.events, this.limits) };
    });
    return appends.length === 0 ? [] : this.writeMany(appends);
  }

  /** One stream, one statement (or, for appendWith, one transaction). */
  private async writeOne(append: PreparedAppend, insert = (a: PreparedAppend) => this.insert(a)): Promise<AppendResult> {
    const { streamId, expected, events } = append;
    for (let rolledBack = 0; ; ) {
      try {
        const rows = await insert(append);
        if (rows.length > 0) return this.appended(streamId, events, rows);
        return await this.explainRefusal(streamId, events, expected);
      } catch (error) {
        const info = pgErrorInfo(error);
        // Rolled back for a concurrent transaction, nothing written: the append runs again, checks and all.
        if (lostToConcurrentTransaction(info) && ++rolledBack < triesWhenRolledBack) continue;
        const { code, constraint } = info;
        if (code !== uniqueViolation) throw error;
        if (constraint === 'crm_events_event_id_key') return await this.explainRefusal(streamId, events, expected);
        // Another writer took the version first: `any` tries again at the new head.
        if (expected !== 'any') return await this.explainRefusal(streamId, events, expected);
      }
    }
  }

  /**
   * Appends outside the group commit, in a transaction of its own that also
   * runs `sideWork` once the events are written: both take effect or neither,
   * so that no crash can leave an erasure recorded and its key still there.
   */
  async appendWith(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
    sideWork: (tx: SqlQueryable) => Promise<void>,
  ): Promise<AppendResult> {
    const append = this.prepared(streamId, events, expectedVersion);
    return this.writeOne(append, (a) =>
      this.client.transaction(async (tx) => {
        const written = await this.insert(a, tx);
        if (written.length > 0) await sideWork(tx);
        return written;
      }),
    );
  }

  /** An append checked and serialised; throws before anything is written. */
  private prepared(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): PreparedAppend {
    return { streamId: validateStreamId(streamId), expected: validateExpectedVersion(expectedVersion), events: prepareEvents(events, this.limits) };
  }

  /** Writes one append by the statement that fits it: a row per event written, none if the version check failed. */
  private async insert({ streamId, expected, events }: PreparedAppend, db: SqlQueryable = this.client): Promise<AppendedRow[]> {
    if (events.length > 1) {
      const json = `[${events.map((e) => e.json).join(',')}]`;
      const [written] = await db.query<ManyAppended>(appendManyStatement, [streamId, expectedVersionParam(expected), json]);
      if (!written?.positions) return [];
      return written.positions.split(',').map((position, i) => ({
        position: Number(position),
        stream_version: written.first_version + i,
        recorded_at: written.recorded_at,
        ...(i === events.length - 1 ? { hash: written.hash } : {}),
      }));
    }
    const seed = this.heads.seed(streamId, expected);
    return seed
      ? db.query<AppendedRow>(appendOneSeededStatement, [...appendOneParameters(streamId, seed.version, events[0]), seed.hash])
      : db.query<AppendedRow>(appendOneStatement, appendOneParameters(streamId, expectedVersionParam(expected), events[0]));
  }

  /**
   * Several streams, one statement: a stream whose check fails gets its
   * conflict alone. If another writer races on one of the streams (it took a
   * version first, or PostgreSQL rolled this statement back to break a
   * deadlock or a serialization failure), the statement fails as a whole and
   * each append is written on its own.
   */
  private async writeMany(appends: PreparedAppend[]): Promise<(AppendResult | WrongExpectedVersionError)[]> {
    const parameters = appendToStreamsParameters(appends.map((a) => ({ ...a, expected: expectedVersionParam(a.expected) })));
    let rows: (AppendedRow & { stream_id: string })[];
    try {
      rows = await this.client.query(appendToStreamsStatement, parameters);
    } catch (error) {
      const info = pgErrorInfo(error);
      if (info.code !== uniqueViolation && !lostToConcurrentTransaction(info)) throw error;
      return Promise.all(appends.map((a) => this.writeOne(a).catch(asConflict)));
    }
    const written = new Map<string, AppendedRow[]>();
    for (const row of rows) written.set(row.stream_id, [...(written.get(row.stream_id) ?? []), row]);
    return Promise.all(
      appends.map(({ streamId, expected, events }) => {
        const own = written.get(streamId);
        return own ? this.appended(streamId, events, own) : this.explainRefusal(streamId, events, expected).catch(asConflict);
      }),
    );
  }

  /** The result of a written append; its last event is the stream's head from now on. */
  private appended(streamId: string, events: PreparedEvent[], rows: AppendedRow[]): AppendResult {
    const inOrder = [...rows].sort((a, b) => a.stream_version - b.stream_version);
    const head = inOrder[inOrder.length - 1];
    if (head.hash) this.heads.learn(streamId, head.stream_version, head.hash);
    return appendResult(streamId, events, inOrder);
  }

  /**
   * The append wrote nothing: either it is a retry of an append that is stored
   * already (a no-op that answers the stored result) or the version check failed.
   */
  private async explainRefusal(streamId: string, events: PreparedEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    this.heads.forget(streamId);
    const ids = events.map((e) => e.eventId);
    const stored = (await this.client.query<EventRow>(eventsByIdStatement, [ids])).map(toRecordedEvent);
    if (stored.length > 0) {
      const sameAppend =
        stored.length === ids.length &&
        stored.every((e, i) => e.streamId === streamId && e.eventId === ids[i] && e.streamVersion === stored[0].streamVersion + i);
      if (!sameAppend) throw new EventIdConflictError(streamId, stored.map((e) => e.eventId));
      const version = await this.streamVersion(streamId);
      return { streamId, streamVersion: version, events: stored };
    }
    const actual = await this.streamVersion(streamId);
    throw new WrongExpectedVersionError(streamId, expected, actual);
  }

  async streamVersion(streamId: string): Promise<number> {
    validateStreamId(streamId);
    const [row] = await this.client.query<{ version: number }>(streamVersionStatement, [streamId]);
    return row.version;
  }

  async headPosition(): Promise<number> {
    const [row] = await this.client.query<{ position: number }>(headPositionStatement);
    return Number(row.position);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    return this.pagedStream<EventRow, RecordedEvent>(readStreamStatement, toRecordedEvent, streamId, options);
  }

  readStreamChained(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<ChainedEvent> {
    return this.pagedStream<ChainedEventRow, ChainedEvent>(readStreamChainedStatement, toChainedEvent, streamId, options);
  }

  private async *pagedStream<Row extends EventRow, E>(
    statement: string,
    toEvent: (row: Row) => E,
    streamId: string,
    options: ReadStreamOptions,
  ): AsyncIterable<E> {
    validateStreamId(streamId);
    const asOf = options.asOf === undefined ? null : validateInstant(options.asOf, 'asOf');
    const knownAt = options.knownAt === undefined ? null : validateInstant(options.knownAt, 'knownAt');
    let from = options.fromVersion ?? 0;
    const to = options.toVersion ?? null;
    for (;;) {
      const rows = await this.client.query<Row>(statement, [streamId, from, to, asOf, knownAt, this.pageSize]);
      for (const row of rows) yield toEvent(row);
      if (rows.length < this.pageSize) return;
      from = rows[rows.length - 1].stream_version + 1;
    }
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return this.allPages(this.allStreamReader(options));
  }

  readAllChained(options: ReadAllOptions = {}): AsyncIterable<ChainedEvent> {
    return this.allPages(this.allStreamReader(options, true)) as AsyncIterable<ChainedEvent>;
  }

  private async *allPages(reader: AllStreamReader): AsyncIterable<RecordedEvent> {
    const pages = readingAhead(reader);
    try {
      for (let batch = await pages.next(); batch.length > 0; batch = await pages.next()) yield* batch;
    } finally {
      await pages.close();
    }
  }

  async readAllPage(options: ReadAllOptions & { limit: number; holeWaitMs?: number }): Promise<AllPage> {
    // No more rows than the page can take: a reader of a few events (a webhook topping up) reads a few.
    const reader = this.allStreamReader(options, false, Math.min(this.pageSize, Math.max(1, options.limit)));
    const events: RecordedEvent[] = [];
    // Waits at a hole only while the page is empty: events in hand go out rather than wait.
    const waitUntil = Date.now() + (options.holeWaitMs ?? 1000);
    for (let batch = await reader.next(waitUntil); batch.length > 0; batch = await reader.next(0)) {
      events.push(...batch);
      if (events.length >= options.limit) {
        events.length = options.limit;
        return { events, next: events[events.length - 1].position + 1 };
      }
    }
    return { events, next: reader.position + 1 };
  }

  async readEventsAt(positions: readonly number[]): Promise<RecordedEvent[]> {
    if (positions.length === 0) return [];
    return (await this.client.query<EventRow>(eventsAtPositionsStatement, [positions])).map(toRecordedEvent);
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const batch of this.subscribePages(options)) {
      for (const event of batch) {
        if (options.signal?.aborted) return;
        yield event;
      }
    }
  }

  async *subscribePages(options: SubscribeOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const pages = readingAhead(this.allStreamReader(options, false, options.pageSize));
    const idle = options.idlePollMs ?? this.idlePollMs;
    try {
      while (!options.signal?.aborted) {
        const batch = await pages.next();
        if (batch.length === 0) await sleep(idle, options.signal);
        else yield batch;
      }
    } finally {
      await pages.close();
    }
  }

  private allStreamReader(options: ReadAllOptions, chained = false, pageSize = this.pageSize): AllStreamReader {
    return new AllStreamReader(this.client, { ...options, pageSize, holePollMs: this.holePollMs, chained });
  }

  async verify(options: { streamId?: string } = {}): Promise<VerifyResult> {
    if (options.streamId !== undefined) validateStreamId(options.streamId);
    const rows = await this.client.query<{
      checked: number;
      stream_id: string | null;
      stream_version: number | null;
      expected: string;
      found: string;
    }>(verifyStatement, [options.streamId ?? null, null, null]);
    const broken = rows
      .filter((row) => row.stream_id !== null)
      .map((row) => ({ streamId: row.stream_id!, version: row.stream_version!, expected: row.expected, found: row.found }));
    return { ok: broken.length === 0, checked: Number(rows[0].checked), broken };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

function expectedVersionParam(expected: ExpectedVersion): number | null {
  return expected === 'any' ? null : expected === 'no_stream' ? -1 : expected;
}

function asConflict(error: unknown): WrongExpectedVersionError {
  if (error instanceof WrongExpectedVersionError) return error;
  throw error;
}

function appendResult(streamId: string, events: PreparedEvent[], inOrder: AppendedRow[]): AppendResult {
  const recorded = inOrder.map((row, i): RecordedEvent => {
    const event = events[i];
    const recordedAt = row.recorded_at.toISOString();
    return {
      position: Number(row.position),
      eventId: event.eventId,
      streamId,
      streamVersion: row.stream_version,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: { ...event.metadata, occurredAt: event.occurredAt ?? recordedAt },
      recordedAt,
    };
  });
  return { streamId, streamVersion: recorded[recorded.length - 1].streamVersion, events: recorded };
}

/**
 * Pages of `$all` with the next one already asked for while the caller works through the one
 * it has (a catch-up reads while it applies), except after an empty page: caught up, the next
 * read waits for the caller's poll.
 */
function readingAhead(reader: AllStreamReader): { next(): Promise<RecordedEvent[]>; close(): Promise<void> } {
  let ahead: Promise<RecordedEvent[]> | undefined;
  return {
    async next() {
      const page = await (ahead ?? reader.next());
      ahead = page.length > 0 ? reader.next() : undefined;
      // Not awaited until the caller asks; a failure then is the caller's, and meanwhile not an unhandled rejection.
      ahead?.catch(() => undefined);
      return page;
    },
    async close() {
      await ahead?.catch(() => undefined);
    },
  };
}

