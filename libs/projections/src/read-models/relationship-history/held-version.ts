import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';

/** The last stream version of a customer the history holds (-1: none yet): how far its projection has come for them. */
export async function heldHistoryVersion(db: SqlQueryable, customerId: string): Promise<number> {
  const [row] = await db.query<{ version: number | null }>(`select max(stream_version) as version from ${viewName('history_entries')} where customer_id = $1`, [
    customerId,
  ]);
  return row?.version ?? -1;
}
