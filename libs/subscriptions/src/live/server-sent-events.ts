import type { RecordedEvent } from '@crm/event-store';

/** One SSE message per event (DESIGN.md §8): `id:` its position, `event:` its type, `data:` the envelope. */
export function eventMessage(event: RecordedEvent): string {
  // JSON.stringify escapes line breaks inside strings, so the envelope is one `data:` line.
  return `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** A comment line: keeps proxies and clients from taking a quiet stream for a dead one. */
export const heartbeatMessage = ': ping\n\n';

/** The last message to a consumer that is let go, with why; it carries no `id:`, so a reconnect resumes where it was. */
export function droppedMessage(reason: string): string {
  return `event: dropped\ndata: ${JSON.stringify({ reason })}\n\n`;
}

/** The position to resume from after an EventSource's `Last-Event-ID` (the last position it received). */
export function resumeAfter(lastEventId: string): number | undefined {
  return /^(0|[1-9][0-9]{0,14})$/.test(lastEventId.trim()) ? Number(lastEventId.trim()) + 1 : undefined;
}
