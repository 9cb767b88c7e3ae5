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

/** `crm.events.<type>.<customerId>`, the body the §8 envelope as JSON. */
export function messageOf(event: RecordedEvent): EventMessage {
  const h = headers();
  h.set(positionHeader, String(event.position));
  return { subject: subjectOf(event), body: Buffer.from(JSON.stringify(event)), headers: h };
}

export function subjectOf(event: Pick<RecordedEvent, 'type' | 'streamId'>): string {
  return `${subjectPrefix}.${token(event.type)}.${token(event.streamId.replace(/^customer-/, ''))}`;
}

/**
 * Types are PascalCase and customer ids uuids or [A-Za-z0-9_-], but a subject token must never
 * hold a dot, a wildcard or white space whatever a stream is named: anything else becomes `_`.
 */
function token(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}
