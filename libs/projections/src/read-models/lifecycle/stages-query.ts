import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import type { Stage } from './lifecycle-rules';

/** Every customer's stage at T (the stay that began at or before T and had not ended by then); erased ones are the caller's to leave out. */
export async function readStagesAt(db: SqlQueryable, asOf: string): Promise<Map<string, Stage>> {
  const rows = await db.query<{ customer_id: string; stage: Stage }>(
    `select customer_id, stage from ${viewName('lifecycle_stages')}
      where from_at <= $1::timestamptz and (to_at is null or to_at > $1::timestamptz)`,
    [asOf],
  );
  return new Map(rows.map((r) => [r.customer_id, r.stage]));
}
