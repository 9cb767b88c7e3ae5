import type { SqlQueryable } from '@crm/event-store';

/** Records that `stream` has acked every event up to `position` (only the holder of the publisher's lease writes it). */
export async function saveCheckpoint(db: SqlQueryable, stream: string, position: number): Promise<void> {
  await db.query(
    `insert into crm_nats_publisher (stream, position, updated_at) values ($1, $2, now())
     on conflict (stream) do update set position = excluded.position, updated_at = excluded.updated_at`,
    [stream, position],
  );
}
