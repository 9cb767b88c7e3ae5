import { randomUUID } from 'node:crypto';
import { InvalidEventError, type WrongExpectedVersionError } from '../errors';
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
  JsonObject,
  JsonValue,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  VerifyResult,
} from '../event-store';
import type { SqlQueryable } from '../sql/sql-client';
import type { SqlEventStore } from '../sql/sql-event-store';
import type { MasterKeys } from './master-keys';
import { seal, unseal } from './sealing';
import type { StreamKeyVault } from './stream-key-vault';
import { StreamKeys } from './stream-keys';

/**
 * Which data of which events is personal and whose it is, and which events erase it; given by
 * the domain. A stream's personal data is its own (the customer's) unless the policy names
 * another data subject for it (a contact person of the customer), who has a key of their own.
 */
export interface PersonalDataPolicy {
  /** The top-level fields of the event's data that are personal. */
  personalFields(type: string): readonly string[];
  /** The data subject other than the stream's own whose personal fields these are (named from the event's data), and which. */
  subjectOf(type: string, data: JsonObject): { subject: string; fields: readonly string[] } | undefined;
  /** Writing such an event shreds its stream's key, and every subject's key on the stream. */
  erases(type: string): boolean;
  /** Writing such an event shreds the key of this subject (named from its data) alone. */
  erasesSubject(type: string, data: JsonObject): string | undefined;
}

/** What of the policy says which events erase: a reader that must act on an erasure needs no more. */
export type ErasurePolicy = Pick<PersonalDataPolicy, 'erases' | 'erasesSubject'>;

/** Whether writing an event of this type and data shreds a key: its stream's, or a subject's on it. */
export function isErasure(policy: ErasurePolicy, type: string, data: JsonObject): boolean {
  return policy.erases(type) || policy.erasesSubject(type, data) !== undefined;
}

export interface CryptoShreddingOptions<Tx> {
  /**
   * Runs in the transaction that shreds a key, e.g. to delete copies of the personal data kept
   * elsewhere: the stream's (no `subject`), or one subject's on it.
   */
  onErasure?: (tx: Tx, streamId: string, subject?: string) => Promise<void>;
}

/**
 * How sealed personal data is stored, in the event's metadata; readers never see it. v1: all of
 * it under the stream's key, the form of every event that holds no other subject's data (and of
 * all events written before subjects had keys). v2: in parts, each under its own key, the
 * stream's (no `subject`) or a subject's.
 */
type SealedPersonalData = { v: 1; fields: string[]; sealed: string } | { v: 2; parts: SealedPart[] };

interface SealedPart {
  subject?: string;
  fields: string[];
  sealed: string;
}

const sealedMember = 'personalData';
const erasedMember = 'erased';

/**
 * Crypto-shredding over any event store that can append with side work, and a
 * key vault that shreds in the same transaction. An event's personal fields are
 * taken out of its data and stored sealed with its stream's key, or a data
 * subject's where the policy names one; reads put them back. An erasing event
 * shreds the key in the transaction that writes it (the stream's, and with it
 * every subject's, or one subject's), and from then on every personal field
 * sealed under it reads as null, named in `metadata.erased` (DESIGN.md §8): the
 * hash chain, which covers the sealed text, stays whole.
 */
export class CryptoShreddingEventStore<Tx> implements EventStore, ChainedReads, PagedAllReads {
  constructor(
    private readonly inner: EventStore & AppendWithSideWork<Tx> & ChainedReads & PagedAllReads,
    private readonly keys: StreamKeyVault<Tx>,
    private readonly policy: PersonalDataPolicy,
    private readonly options: CryptoShreddingOptions<Tx> = {},
  ) {}

  /** The SQL case: the keys in `crm_stream_keys`, on the store's own database, wrapped under `masterKeys`. */
  static async open(
    inner: SqlEventStore,
    masterKeys: MasterKeys,
    policy: PersonalDataPolicy,
    options: CryptoShreddingOptions<SqlQueryable> = {},
  ): Promise<CryptoShreddingEventStore<SqlQueryable>> {
    return new CryptoShreddingEventStore(inner, await StreamKeys.open(inner.client, masterKeys), policy, options);
  }

  append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    // Most appends (purchases, ratings) carry nothing personal: they go straight through.
    if (!this.touchesPersonalData(events)) return this.inner.append(streamId, events, expectedVersion);
    return this.appendPersonal(streamId, events, expectedVersion);
  }

  private async appendPersonal(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const stored = await this.sealAll(streamId, events, 'events');
    const erasesStream = events.some((event) => this.policy.erases(typeOf(event)));
    // The stream's erasure takes every subject's key with it.
    const subjects = erasesStream ? [] : events.flatMap((event) => this.policy.erasesSubject(typeOf(event), dataOf(event)) ?? []);
    if (!erasesStream && subjects.length === 0) {
      return this.opened(await this.inner.append(streamId, stored, expectedVersion), stored !== events);
    }
    const result = await this.inner.appendWith(streamId, stored, expectedVersion, async (tx) => {
      if (erasesStream) {
        await this.keys.shred(tx, streamId);
        await this.options.onErasure?.(tx, streamId);
      }
      for (const subject of subjects) {
        await this.keys.shred(tx, streamId, subject);
        await this.options.onErasure?.(tx, streamId, subject);
      }
    });
    if (erasesStream) this.keys.forget(streamId);
    for (const subject of subjects) this.keys.forget(streamId, subject);
    return this.opened(result, true);
  }

  async appendToStreams(requests: readonly AppendRequest[]): Promise<(AppendResult | WrongExpectedVersionError)[]> {
    let sealedAny = false;
    const stored = await Promise.all(
      requests.map(async (request, i) => {
        const erasing = Array.isArray(request.events) ? request.events.findIndex((event) => this.erasing(event)) : -1;
        if (erasing >= 0) {
          throw new InvalidEventError(`requests[${i}].events[${erasing}]`, 'erases personal data: append it alone, with append()');
        }
        const events = await this.sealAll(request.streamId, request.events, `requests[${i}].events`);
        sealedAny ||= events !== request.events;
        return { ...request, events };
      }),
    );
    const results = await this.inner.appendToStreams(stored);
    return Promise.all(results.map((result) => (result instanceof Error ? result : this.opened(result, sealedAny))));
  }

  streamVersion(streamId: string): Promise<number> {
    return this.inner.streamVersion(streamId);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.opening(this.inner.readStream(streamId, options));
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.opening(this.inner.readAll(options));
  }

  async readAllPage(options: ReadAllOptions & { limit: number; holeWaitMs?: number }): Promise<AllPage> {
    const page = await this.inner.readAllPage(options);
    return { events: await this.openPage(page.events), next: page.next };
  }

  async readEventsAt(positions: readonly number[]): Promise<RecordedEvent[]> {
    return this.openPage(await this.inner.readEventsAt(positions));
  }

  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.opening(this.inner.subscribe(options));
  }

  /** The next page is read and opened while the caller works through the one it has (a catch-up unseals while it applies). */
  async *subscribePages(options?: SubscribeOptions): AsyncIterable<readonly RecordedEvent[]> {
    const pages = this.inner.subscribePages(options)[Symbol.asyncIterator]();
    const openNext = async () => {
      const next = await pages.next();
      return next.done ? undefined : this.openPage(next.value);
    };
    try {
      for (let ahead = openNext(); ; ) {
        const page = await ahead;
        if (page === undefined) return;
        ahead = openNext();
        // Awaited when the caller asks for the next page; a failure then is the caller's, and meanwhile not an unhandled rejection.
        ahead.catch(() => undefined);
        yield page;
      }
    } finally {
      await pages.return?.();
    }
  }

  readStreamChained(streamId: string, options?: ReadStreamOptions): AsyncIterable<ChainedEvent> {
    return this.openingChained(this.inner.readStreamChained(streamId, options));
  }

  readAllChained(options?: ReadAllOptions): AsyncIterable<ChainedEvent> {
    return this.openingChained(this.inner.readAllChained(options));
  }

  verify(options?: { streamId?: string }): Promise<VerifyResult> {
    return this.inner.verify(options);
  }

  async close(): Promise<void> {
    await this.keys.close();
    await this.inner.close();
  }

  private erasing(event: NewEvent): boolean {
    return isErasure(this.policy, typeOf(event), dataOf(event));
  }

  /** Whether any event has personal fields, erases, or names a metadata member the store writes itself. */
  private touchesPersonalData(events: readonly NewEvent[]): boolean {
    if (!Array.isArray(events)) return false;
    for (const event of events) {
      if (this.policy.personalFields(typeOf(event)).length > 0 || this.erasing(event)) return true;
      const metadata = event.metadata;
      if (isObject(metadata) && (sealedMember in metadata || erasedMember in metadata)) return true;
    }
    return false;
  }

  /** The events as stored: personal fields sealed into the metadata. The same array when none has any. */
  private async sealAll(streamId: string, events: readonly NewEvent[], path: string): Promise<readonly NewEvent[]> {
    if (!Array.isArray(events)) return events; // the store refuses it with its own message
    let stored: NewEvent[] | undefined;
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      for (const member of [sealedMember, erasedMember]) {
        if (isObject(event?.metadata) && member in event.metadata) {
          throw new InvalidEventError(`${path}[${i}].metadata.${member}`, 'is written by the store itself');
        }
      }
      const data = dataOf(event);
      const fields = this.policy.personalFields(typeOf(event)).filter((field) => data[field] !== undefined);
      if (fields.length === 0) {
        stored?.push(event);
        continue;
      }
      stored ??= events.slice(0, i);
      // The sealed text is bound to the event id as stored (the store writes ids in lower case).
      const eventId = typeof event.eventId === 'string' ? event.eventId.toLowerCase() : randomUUID();
      const sealed = await this.sealed(streamId, eventId, typeOf(event), data, fields);
      const rest: JsonObject = {};
      for (const [name, value] of Object.entries(data)) if (!fields.includes(name)) rest[name] = value as JsonValue;
      stored.push({ ...event, eventId, data: rest, metadata: { ...event.metadata, [sealedMember]: sealed as unknown as JsonObject } });
    }
    return stored ?? events;
  }

  /** The personal fields sealed: whole under the stream's key (v1), or in parts when a subject's own are among them (v2). */
  private async sealed(streamId: string, eventId: string, type: string, data: JsonObject, fields: string[]): Promise<SealedPersonalData> {
    const pick = (names: string[]): JsonObject => Object.fromEntries(names.map((name) => [name, data[name] as JsonValue]));
    const owner = this.policy.subjectOf(type, data);
    const theirs = owner ? fields.filter((field) => owner.fields.includes(field)) : [];
    const ours = fields.filter((field) => !theirs.includes(field));
    if (theirs.length === 0) return { v: 1, fields, sealed: seal(await this.keys.forWriting(streamId), pick(fields), boundTo(streamId, eventId)) };
    const subject = owner!.subject;
    const parts: SealedPart[] = [];
    if (ours.length > 0) parts.push({ fields: ours, sealed: seal(await this.keys.forWriting(streamId), pick(ours), boundTo(streamId, eventId)) });
    parts.push({ subject, fields: theirs, sealed: seal(await this.keys.forWriting(streamId, subject), pick(theirs), boundTo(streamId, eventId, subject)) });
    return { v: 2, parts };
  }

  /** The result as readers see it. */
  private async opened(result: AppendResult, sealed: boolean): Promise<AppendResult> {
    if (!sealed) return result;
    const events: RecordedEvent[] = [];
    for (const event of result.events) events.push(isSealed(event) ? await this.open(event) : event);
    return { ...result, events };
  }

  /** Events as readers see them; a key is looked up only when memory does not hold it (a 10,000-event fold waits once). */
  private async *opening(events: AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> {
    for await (const event of events) yield await this.readable(event);
  }

  /** A page as readers see it, as `opening` does. */
  private async openPage(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const opened: RecordedEvent[] = [];
    for (const event of events) opened.push(await this.readable(event));
    return opened;
  }

  private async readable(event: RecordedEvent): Promise<RecordedEvent> {
    return isSealed(event) ? (this.openFromMemory(event) ?? (await this.open(event))) : event;
  }

  /** Opened as readers see them, with the sealed form the chain covers kept beside. */
  private async *openingChained(events: AsyncIterable<ChainedEvent>): AsyncIterable<ChainedEvent> {
    for await (const event of events) {
      if (!isSealed(event)) {
        yield event;
        continue;
      }
      const { occurredAt: _businessTime, ...storedMetadata } = event.metadata;
      const opened = this.openFromMemory(event) ?? (await this.open(event));
      yield { ...opened, hash: event.hash, previousHash: event.previousHash, stored: { data: event.data, metadata: storedMetadata as JsonObject } };
    }
  }

  /** Opened with the keys memory holds; undefined when one must be looked up, or the event is sealed whole and holds a subject's data. */
  private openFromMemory(event: RecordedEvent): RecordedEvent | undefined {
    const parts = partsOf(event);
    if (parts.whole && this.policy.subjectOf(event.type, event.data)) return undefined;
    const keys = parts.list.map((part) => this.keys.known(event.streamId, part.subject));
    if (keys.some((key) => key === undefined)) return undefined;
    return opened(event, parts.list, keys as (Buffer | null)[], []);
  }

  private async open(event: RecordedEvent): Promise<RecordedEvent> {
    const parts = partsOf(event);
    const keys: (Buffer | null)[] = [];
    for (const part of parts.list) keys.push(await this.keys.forReading(event.streamId, part.subject));
    return opened(event, parts.list, keys, parts.whole ? await this.erasedSubjectsFields(event, keys[0]) : []);
  }

  /**
   * An event sealed whole under the stream's key (v1) that holds a subject's own fields (one
   * written before subjects had keys): the subject's erasure cannot shred what the stream's key
   * also opens. Their fields read as erased all the same, in every answer, once the subject is
   * erased; the ciphertext stays, which the stream's key (under the master key) still opens.
   */
  private async erasedSubjectsFields(event: RecordedEvent, streamKey: Buffer | null): Promise<string[]> {
    const owner = this.policy.subjectOf(event.type, event.data);
    if (!owner || !streamKey) return [];
    const sealedFields = (event.metadata[sealedMember] as unknown as { fields: string[] }).fields;
    const theirs = sealedFields.filter((field) => owner.fields.includes(field));
    return theirs.length > 0 && (await this.keys.subjectErased(event.streamId, owner.subject)) ? theirs : [];
  }
}

/** The parts of an event's sealed personal data; `whole`: sealed in one under the stream's key (v1). */
function partsOf(event: RecordedEvent): { whole: boolean; list: SealedPart[] } {
  const stored = event.metadata[sealedMember] as unknown as SealedPersonalData;
  return stored.v === 2 ? { whole: false, list: stored.parts } : { whole: true, list: [{ fields: stored.fields, sealed: stored.sealed }] };
}

/**
 * Personal fields back in the data, each part with its key; a part whose key is shredded, and
 * the fields in `alsoErased`, read as null and are named in `metadata.erased`.
 */
function opened(event: RecordedEvent, parts: readonly SealedPart[], keys: readonly (Buffer | null)[], alsoErased: readonly string[]): RecordedEvent {
  const { [sealedMember]: _stored, ...metadata } = event.metadata;
  const data: JsonObject = { ...event.data };
  const erased: string[] = [];
  parts.forEach((part, i) => {
    const key = keys[i];
    if (!key) {
      for (const field of part.fields) data[field] = null;
      erased.push(...part.fields);
      return;
    }
    try {
      Object.assign(data, unseal(key, part.sealed, boundTo(event.streamId, event.eventId, part.subject)));
    } catch {
      throw new Error(
        `The personal data of event ${event.eventId} (stream ${event.streamId}, version ${event.streamVersion}) does not open ` +
          `with its ${part.subject === undefined ? "stream's key" : `subject's key (${part.subject})`}: it was altered or moved from another event. verify() names the altered events.`,
      );
    }
  });
  for (const field of alsoErased) data[field] = null;
  erased.push(...alsoErased);
  const occurredAt = event.metadata.occurredAt;
  return { ...event, data, metadata: { ...metadata, occurredAt, ...(erased.length > 0 ? { [erasedMember]: erased } : {}) } };
}

/** What sealed text is bound to: its stream and event, and the subject whose key sealed it. */
function boundTo(streamId: string, eventId: string, subject?: string): string {
  return subject === undefined ? `${streamId}\n${eventId}` : `${streamId}\n${eventId}\n${subject}`;
}

function isSealed(event: RecordedEvent): boolean {
  return event.metadata[sealedMember] !== undefined;
}

function typeOf(event: unknown): string {
  return isObject(event) && typeof event.type === 'string' ? event.type : '';
}

function dataOf(event: unknown): JsonObject {
  return isObject(event) && isObject(event.data) ? (event.data as JsonObject) : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
