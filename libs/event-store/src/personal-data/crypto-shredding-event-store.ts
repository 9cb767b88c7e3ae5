import { randomUUID } from 'node:crypto';
import { InvalidEventError, type WrongExpectedVersionError } from '../errors';
import type {
  AppendRequest,
  AppendResult,
  AppendWithSideWork,
  ChainedEvent,
  ChainedReads,
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

/** Which data of which events is personal, and which events erase it; given by the domain. */
export interface PersonalDataPolicy {
  /** The top-level fields of the event's data that are personal. */
  personalFields(type: string): readonly string[];
  /** Writing such an event shreds its stream's key. */
  erases(type: string): boolean;
}

export interface CryptoShreddingOptions<Tx> {
  /** Runs in the transaction that shreds a stream's key, e.g. to delete copies of its personal data kept elsewhere. */
  onErasure?: (tx: Tx, streamId: string) => Promise<void>;
}

/** How sealed personal data is stored, in the event's metadata; readers never see it. */
interface SealedPersonalData {
  v: 1;
  fields: string[];
  sealed: string;
}

const sealedMember = 'personalData';
const erasedMember = 'erased';

/**
 * Crypto-shredding over any event store that can append with side work, and a
 * key vault that shreds in the same transaction. An event's personal fields are
 * taken out of its data and stored sealed with its stream's key; reads put
 * them back. An erasing event shreds the key in the transaction that writes
 * it, and from then on every personal field of the stream reads as null,
 * named in `metadata.erased` (DESIGN.md §8): the hash chain, which covers the
 * sealed text, stays whole.
 */
export class CryptoShreddingEventStore<Tx> implements EventStore, ChainedReads {
  constructor(
    private readonly inner: EventStore & AppendWithSideWork<Tx> & ChainedReads,
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
    if (!events.some((event) => this.policy.erases(typeOf(event)))) {
      return this.opened(await this.inner.append(streamId, stored, expectedVersion), stored !== events);
    }
    const result = await this.inner.appendWith(streamId, stored, expectedVersion, async (tx) => {
      await this.keys.shred(tx, streamId);
      await this.options.onErasure?.(tx, streamId);
    });
    this.keys.forget(streamId);
    return this.opened(result, true);
  }

  async appendToStreams(requests: readonly AppendRequest[]): Promise<(AppendResult | WrongExpectedVersionError)[]> {
    let sealedAny = false;
    const stored = await Promise.all(
      requests.map(async (request, i) => {
        const erasing = Array.isArray(request.events) ? request.events.findIndex((event) => this.policy.erases(typeOf(event))) : -1;
        if (erasing >= 0) {
          throw new InvalidEventError(`requests[${i}].events[${erasing}]`, "erases its stream's personal data: append it alone, with append()");
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

  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.opening(this.inner.subscribe(options));
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

  /** Whether any event has personal fields, erases, or names a metadata member the store writes itself. */
  private touchesPersonalData(events: readonly NewEvent[]): boolean {
    if (!Array.isArray(events)) return false;
    for (const event of events) {
      const type = typeOf(event);
      if (this.policy.personalFields(type).length > 0 || this.policy.erases(type)) return true;
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
      const data = isObject(event?.data) ? event.data : {};
      const fields = this.policy.personalFields(typeOf(event)).filter((field) => data[field] !== undefined);
      if (fields.length === 0) {
        stored?.push(event);
        continue;
      }
      stored ??= events.slice(0, i);
      const key = await this.keys.forWriting(streamId);
      // The sealed text is bound to the event id as stored (the store writes ids in lower case).
      const eventId = typeof event.eventId === 'string' ? event.eventId.toLowerCase() : randomUUID();
      const personal: JsonObject = {};
      const rest: JsonObject = {};
      for (const [name, value] of Object.entries(data)) (fields.includes(name) ? personal : rest)[name] = value as JsonValue;
      const sealed: SealedPersonalData = { v: 1, fields, sealed: seal(key, personal, boundTo(streamId, eventId)) };
      stored.push({ ...event, eventId, data: rest, metadata: { ...event.metadata, [sealedMember]: sealed as unknown as JsonObject } });
    }
    return stored ?? events;
  }

  /** The result as readers see it. */
  private async opened(result: AppendResult, sealed: boolean): Promise<AppendResult> {
    if (!sealed) return result;
    const events: RecordedEvent[] = [];
    for (const event of result.events) events.push(isSealed(event) ? open(event, await this.keyOf(event)) : event);
    return { ...result, events };
  }

  /** Events as readers see them; a key is looked up only when memory does not hold it (a 10,000-event fold waits once). */
  private async *opening(events: AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> {
    for await (const event of events) {
      if (!isSealed(event)) yield event;
      else {
        const known = this.keys.known(event.streamId);
        yield open(event, known === undefined ? await this.keyOf(event) : known);
      }
    }
  }

  /** Opened as readers see them, with the sealed form the chain covers kept beside. */
  private async *openingChained(events: AsyncIterable<ChainedEvent>): AsyncIterable<ChainedEvent> {
    for await (const event of events) {
      if (!isSealed(event)) {
        yield event;
        continue;
      }
      const known = this.keys.known(event.streamId);
      const { occurredAt: _businessTime, ...storedMetadata } = event.metadata;
      const opened = open(event, known === undefined ? await this.keyOf(event) : known);
      yield { ...opened, hash: event.hash, previousHash: event.previousHash, stored: { data: event.data, metadata: storedMetadata as JsonObject } };
    }
  }

  private keyOf(event: RecordedEvent): Promise<Buffer | null> {
    return this.keys.forReading(event.streamId);
  }
}

/** Personal fields back in the data, or null and named in `metadata.erased` once the key is shredded. */
function open(event: RecordedEvent, key: Buffer | null): RecordedEvent {
  const { [sealedMember]: stored, ...metadata } = event.metadata;
  const { fields, sealed } = stored as unknown as SealedPersonalData;
  if (!key) {
    const erased = Object.fromEntries(fields.map((field) => [field, null]));
    const occurredAt = event.metadata.occurredAt;
    return { ...event, data: { ...event.data, ...erased }, metadata: { ...metadata, occurredAt, [erasedMember]: fields } };
  }
  let personal: JsonObject;
  try {
    personal = unseal(key, sealed, boundTo(event.streamId, event.eventId));
  } catch {
    throw new Error(
      `The personal data of event ${event.eventId} (stream ${event.streamId}, version ${event.streamVersion}) does not open ` +
        "with its stream's key: it was altered or moved from another event. verify() names the altered events.",
    );
  }
  return { ...event, data: { ...event.data, ...personal }, metadata: { ...metadata, occurredAt: event.metadata.occurredAt } };
}

function boundTo(streamId: string, eventId: string): string {
  return `${streamId}\n${eventId}`;
}

function isSealed(event: RecordedEvent): boolean {
  return event.metadata[sealedMember] !== undefined;
}

function typeOf(event: unknown): string {
  return isObject(event) && typeof event.type === 'string' ? event.type : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
