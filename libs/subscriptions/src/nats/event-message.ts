import type { RecordedEvent } from '@crm/event-store';
import { headers, type MsgHdrs } from 'nats';

/** Every event's subject starts with this; the stream captures `crm.events.>`. */
export const subjectPrefix = 'crm.events';

/** The header that carries the event's `$all` position, so the stream's last message says where publishing stands. */
export const positionHeader = 'Crm-Position';

export interface EventMessage {
  subject: string;
  body: Uint8Array;
  headers: MsgHdrs;
}

/**
 * `crm.events.<type>.<customerId>`, the body the §8 envelope as JSON. The position header says up
 * to where the stream holds `$all` once this message is in: the event's own position, or, for an
 * event published again after an erasure, the position just before that erasure.
 */
export function messageOf(event: RecordedEvent, holdsUpTo = event.position): EventMessage {
  const h = headers();
  h.set(positionHeader, String(holdsUpTo));
  return { subject: subjectOf(event), body: Buffer.from(JSON.stringify(event)), headers: h };
}

export function subjectOf(event: Pick<RecordedEvent, 'type' | 'streamId'>): string {
  return `${subjectPrefix}.${token(event.type)}.${customerToken(event.streamId)}`;
}

/** Every subject of one stream's events, whatever their type. */
export function streamSubjects(streamId: string): string {
  return `${subjectPrefix}.*.${customerToken(streamId)}`;
}

const customerToken = (streamId: string) => token(streamId.replace(/^customer-/, ''));

/**
 * Types are PascalCase and customer ids uuids or [A-Za-z0-9_-], but a subject token must never
 * hold a dot, a wildcard or white space whatever a stream is named: anything else becomes `_`.
 */
function token(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}
