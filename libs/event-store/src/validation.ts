import { randomUUID } from 'node:crypto';
import { EventTooLargeError, InvalidEventError } from './errors';
import type { ExpectedVersion, JsonObject, NewEvent } from './event-store';

export interface AppendLimits {
  /** Bytes of one event's serialised data plus metadata. */
  maxEventBytes: number;
  /** Bytes of one append's serialised events together. */
  maxAppendBytes: number;
  /** Events in one append. */
  maxEventsPerAppend: number;
}

export const defaultAppendLimits: AppendLimits = {
  maxEventBytes: 1024 * 1024,
  maxAppendBytes: 32 * 1024 * 1024,
  maxEventsPerAppend: 10_000,
};

/** One event ready for the append statement, already serialised. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  /** Metadata without `occurredAt`, which is stored in its own column. */
  metadata: JsonObject;
  occurredAt: string | null;
  dataJson: string;
  metadataJson: string;
  /** `{"id":..,"type":..,"v":..,"data":..,"meta":..,"at":..}` as the batch statements read it. */
  json: string;
  /** UTF-8 length of `json`. */
  bytes: number;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoInstantPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const maxDepth = 64;
const maxNameLength = 200;

export function validateStreamId(streamId: unknown, path = 'streamId'): string {
  if (typeof streamId !== 'string' || streamId.trim().length === 0) {
    throw new InvalidEventError(path, 'must be a non-empty string');
  }
  if (streamId.length > maxNameLength) throw new InvalidEventError(path, `must be at most ${maxNameLength} characters`);
  if (/[\u0000-\u001f]/.test(streamId)) throw new InvalidEventError(path, 'must not contain control characters');
  return streamId;
}

export function validateExpectedVersion(expected: unknown): ExpectedVersion {
  if (expected === 'any' || expected === 'no_stream') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= -1) {
    return expected === -1 ? 'no_stream' : expected;
  }
  throw new InvalidEventError('expectedVersion', "must be a version number (0 or more), 'no_stream' or 'any'");
}

/** An ISO 8601 instant with a zone, answered in the form `toISOString` writes (UTC, milliseconds). */
export function validateInstant(value: unknown, path: string): string {
  const text = value instanceof Date ? value.toISOString() : value;
  const fields = typeof text === 'string' ? isoInstantPattern.exec(text) : null;
  if (!fields || !fieldsInRange(fields)) {
    throw new InvalidEventError(path, 'must be an ISO 8601 instant with a time zone, e.g. 2024-05-01T09:30:00Z');
  }
  // 24 characters ending in Z: already YYYY-MM-DDTHH:MM:SS.sssZ, as nearly every caller sends it.
  if (fields.input.length === 24 && fields.input.endsWith('Z')) return fields.input;
  return new Date(Date.parse(fields.input)).toISOString();
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Date.parse takes 30 February for 2 March and 24:00 for the next day: each field must be in its own range. */
function fieldsInRange(fields: RegExpExecArray): boolean {
  const field = (i: number) => Number(fields[i] ?? 0);
  const [year, month, day] = [field(1), field(2), field(3)];
  const leapDay = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  const lastDay = (daysInMonth[month - 1] ?? 0) + leapDay;
  return day >= 1 && day <= lastDay && field(4) <= 23 && field(5) <= 59 && field(6) <= 59 && field(7) <= 23 && field(8) <= 59;
}

/** Validates and serialises an append's events; throws before anything is written. */
export function prepareEvents(events: unknown, limits: AppendLimits): PreparedEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidEventError('events', 'must be a non-empty list of events');
  }
  if (events.length > limits.maxEventsPerAppend) {
    throw new InvalidEventError('events', `must hold at most ${limits.maxEventsPerAppend} events in one append`);
  }
  const seen = new Set<string>();
  let total = 0;
  const prepared = events.map((event: unknown, index) => {
    const path: JsonPath = { parent: 'events', key: index };
    const one = prepareEvent(event, path, limits);
    if (seen.has(one.eventId)) throw new InvalidEventError(`${renderPath(path)}.eventId`, 'appears twice in this append');
    seen.add(one.eventId);
    total += one.bytes;
    return one;
  });
  if (total > limits.maxAppendBytes) throw new EventTooLargeError('events', total, limits.maxAppendBytes);
  return prepared;
}

const eventFields = new Set(['eventId', 'type', 'schemaVersion', 'data', 'metadata']);
const stringMetadata = ['actor', 'correlationId', 'causationId'];

/** Checks and serialises one event; error paths are rendered only when thrown (this runs for every event written). */
function prepareEvent(event: unknown, path: JsonPath, limits: AppendLimits): PreparedEvent {
  const field = (key: string): JsonPath => ({ parent: path, key });
  if (!isPlainObject(event)) throw new InvalidEventError(renderPath(path), 'must be an object');
  for (const key in event) {
    if (!eventFields.has(key)) throw new InvalidEventError(renderPath(field(key)), 'is not a field of an event');
  }
  const { eventId, type, schemaVersion, data, metadata } = event as Partial<NewEvent>;

  if (eventId !== undefined && (typeof eventId !== 'string' || !uuidPattern.test(eventId))) {
    throw new InvalidEventError(renderPath(field('eventId')), 'must be a UUID');
  }
  if (typeof type !== 'string' || !/^[A-Za-z][A-Za-z0-9_.:-]*$/.test(type) || type.length > maxNameLength) {
    throw new InvalidEventError(renderPath(field('type')), 'must be a name of letters, digits and _ . : - starting with a letter');
  }
  if (schemaVersion !== undefined && !(Number.isSafeInteger(schemaVersion) && schemaVersion >= 1)) {
    throw new InvalidEventError(renderPath(field('schemaVersion')), 'must be a whole number of 1 or more');
  }
  if (!isPlainObject(data)) throw new InvalidEventError(renderPath(field('data')), 'must be a JSON object');
  assertJson(data, field('data'), 0);
  if (metadata !== undefined && !isPlainObject(metadata)) throw new InvalidEventError(renderPath(field('metadata')), 'must be a JSON object');
  // occurredAt has a column of its own; absent (undefined) members are dropped.
  const meta: JsonObject = {};
  let occurredAt: unknown;
  for (const key in metadata) {
    const value = metadata[key];
    if (key === 'occurredAt') occurredAt = value;
    else if (value !== undefined) meta[key] = value;
  }
  assertJson(meta, field('metadata'), 0);
  for (const key of stringMetadata) {
    if (key in meta && typeof meta[key] !== 'string') {
      throw new InvalidEventError(renderPath({ parent: field('metadata'), key }), 'must be a string');
    }
  }
  const at = occurredAt === undefined ? null : validateInstant(occurredAt, renderPath({ parent: field('metadata'), key: 'occurredAt' }));

  const id = eventId?.toLowerCase() ?? randomUUID();
  const dataJson = JSON.stringify(data);
  const metaJson = JSON.stringify(meta);
  const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metaJson);
  if (bytes > limits.maxEventBytes) throw new EventTooLargeError(renderPath(path), bytes, limits.maxEventBytes);
  const version = schemaVersion ?? 1;
  const json = `{"id":"${id}","type":${JSON.stringify(type)},"v":${version},"data":${dataJson},"meta":${metaJson},"at":${at === null ? 'null' : `"${at}"`}}`;
  // Only data and metadata can hold other than ASCII: the rest of the text counts one byte a character.
  const jsonBytes = bytes + json.length - dataJson.length - metaJson.length;
  return { eventId: id, type, schemaVersion: version, data, metadata: meta, occurredAt: at, dataJson, metadataJson: metaJson, json, bytes: jsonBytes };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Where a value sits in an event, rendered only when an error names it. */
interface JsonPath {
  parent: JsonPath | string;
  key: string | number;
  /** A member name itself is checked, not its value. */
  isKey?: boolean;
}

function renderPath(path: JsonPath | string): string {
  if (typeof path === 'string') return path;
  const parent = renderPath(path.parent);
  if (path.isKey) return `${parent} (key ${JSON.stringify(path.key)})`;
  return typeof path.key === 'number' ? `${parent}[${path.key}]` : `${parent}.${path.key}`;
}

/**
 * Only values that survive a round trip through PostgreSQL's jsonb unchanged:
 * no undefined, functions, symbols, bigints, Dates or class instances, no
 * NaN/Infinity, no NUL characters or lone surrogates in strings.
 */
function assertJson(value: unknown, path: JsonPath | string, depth: number): void {
  if (depth > maxDepth) throw new InvalidEventError(renderPath(path), `nests deeper than ${maxDepth} levels`);
  switch (typeof value) {
    case 'string':
      return assertStorableString(value, path);
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEventError(renderPath(path), 'must be a finite number (NaN and Infinity are not JSON)');
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) assertJson(value[i], { parent: path, key: i }, depth + 1);
        return;
      }
      if (!isPlainObject(value)) {
        throw new InvalidEventError(renderPath(path), `is a ${value.constructor?.name ?? 'non-plain object'}, not a plain JSON value`);
      }
      for (const key in value) {
        assertStorableString(key, { parent: path, key, isKey: true });
        assertJson(value[key], { parent: path, key }, depth + 1);
      }
      return;
    default:
      throw new InvalidEventError(renderPath(path), `is ${typeof value}, which is not JSON-serialisable`);
  }
}

function assertStorableString(text: string, path: JsonPath | string): void {
  if (text.includes('\u0000')) throw new InvalidEventError(renderPath(path), 'must not contain the NUL character');
  if (!text.isWellFormed()) throw new InvalidEventError(renderPath(path), 'must not contain unpaired UTF-16 surrogates');
}
