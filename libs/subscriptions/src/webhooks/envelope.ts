import type { RecordedEvent } from '@crm/event-store';

/** A delivery's body: the event envelope of DESIGN.md §8, its fields in the contract's order. */
export function envelopeJson(event: RecordedEvent): string {
  const { position, eventId, streamId, streamVersion, type, schemaVersion, data, metadata, recordedAt } = event;
  return JSON.stringify({ position, eventId, streamId, streamVersion, type, schemaVersion, data, metadata, recordedAt });
}
