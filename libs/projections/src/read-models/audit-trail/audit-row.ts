import { customerOfStream } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';

/** One row of `audit_entries`: who recorded which event of which customer, when and in which request. */
export interface AuditRow {
  position: number;
  event_id: string;
  stream_id: string;
  customer_id: string;
  stream_version: number;
  type: string;
  actor: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  occurred_at: string;
  recorded_at: string;
}

/** The columns of a row with its recording bounds (recording-bounds.ts), in the table's order. */
export const auditColumns = [
  'position',
  'event_id',
  'stream_id',
  'customer_id',
  'stream_version',
  'type',
  'actor',
  'correlation_id',
  'causation_id',
  'occurred_at',
  'recorded_at',
  'recorded_high',
  'recorded_low',
] as const;

/** Metadata written by another system or version may hold anything: only text is an id. */
const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The audit row of an event of a customer's stream (undefined for any other stream). Nothing
 * of its data is taken, personal or not: the row outlives the customer's erasure unchanged.
 */
export function auditRowOf(e: RecordedEvent): AuditRow | undefined {
  const customerId = customerOfStream(e.streamId);
  if (customerId === undefined) return undefined;
  return {
    position: e.position,
    event_id: e.eventId,
    stream_id: e.streamId,
    customer_id: customerId,
    stream_version: e.streamVersion,
    type: e.type,
    actor: textOf(e.metadata.actor),
    correlation_id: textOf(e.metadata.correlationId),
    causation_id: textOf(e.metadata.causationId),
    occurred_at: e.metadata.occurredAt,
    recorded_at: e.recordedAt,
  };
}
