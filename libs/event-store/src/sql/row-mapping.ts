import type { ChainedEvent, EventMetadata, JsonObject, RecordedEvent } from '../event-store';

export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: JsonObject;
  metadata: EventMetadata;
  occurred_at: Date;
  recorded_at: Date;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: Number(row.position),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: { ...row.metadata, occurredAt: row.occurred_at.toISOString() },
    recordedAt: row.recorded_at.toISOString(),
  };
}

export interface ChainedEventRow extends EventRow {
  hash: string;
  previous_hash: string;
}

export function toChainedEvent(row: ChainedEventRow): ChainedEvent {
  return { ...toRecordedEvent(row), hash: row.hash, previousHash: row.previous_hash };
}
