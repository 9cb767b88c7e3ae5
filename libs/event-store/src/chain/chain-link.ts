import { createHash } from 'node:crypto';
import type { ChainedEvent, JsonObject } from '../event-store';
import { jsonbText } from './jsonb-text';

/** An event exactly as the chain covers it: its data and metadata as stored (metadata without `occurredAt`). */
export interface StoredEventForm {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  /** ISO instants, millisecond precision. */
  occurredAt: string;
  recordedAt: string;
  data: JsonObject;
  metadata: JsonObject;
}

/** The form a chained event's link covers: as stored where that differs from what readers see. */
export function storedFormOf(event: ChainedEvent): StoredEventForm {
  const { occurredAt, ...metadata } = event.metadata;
  return {
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt,
    recordedAt: event.recordedAt,
    ...(event.stored ?? { data: event.data, metadata: metadata as JsonObject }),
  };
}

/** The stored data and metadata as jsonb prints them: what a link covers of them, and what COPY can load as they are. */
export interface StoredTexts {
  data: string;
  metadata: string;
}

export function storedTextsOf(event: StoredEventForm): StoredTexts {
  return { data: jsonbText(event.data), metadata: jsonbText(event.metadata) };
}

/** The bytes one link covers, as `crm_event_canonical()` builds them in SQL (schema.ts explains the form). */
export function canonicalEventBytes(event: StoredEventForm, texts: StoredTexts = storedTextsOf(event)): Buffer {
  return Buffer.from(
    `${event.streamVersion}|${event.eventId}|${event.type}|${event.schemaVersion}|` +
      `${epochMicros(event.occurredAt)}|${epochMicros(event.recordedAt)}|` +
      `${texts.data}|${texts.metadata}|${event.streamId}`,
    'utf8',
  );
}

/** hash(n) = sha256(hash(n-1) || canonical(n)), hex; the first event of a stream links to nothing (''). */
export function chainLink(previousHash: string, event: StoredEventForm, texts?: StoredTexts): string {
  return createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(canonicalEventBytes(event, texts)).digest('hex');
}

function epochMicros(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`${instant} is not an instant`);
  return ms === 0 ? '0' : `${ms}000`;
}
