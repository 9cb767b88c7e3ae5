import type { SqlQueryable } from '@crm/event-store';

/** The position up to which `stream` has acked every event; 0 before its first. */
export async function readCheckpoint(db: SqlQueryable, stream: string): Promise<number> {
  const [row] = await db.query<{ position: number }>(`select position::float8 as position from crm_nats_publisher where stream = $1`, [stream]);
  return row?.position ?? 0;
}
