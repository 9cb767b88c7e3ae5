import type { SqlQueryable } from '@crm/event-store';

/** Deletes the events leased to `member` among `eventIds`; answers the ids it acked. An event leased to another member meanwhile stays. */
export async function ackEvents(db: SqlQueryable, name: string, member: string, eventIds: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ event_id: string }>(
    `delete from crm_consumer_group_pending where group_name = $1 and member = $2 and event_id = any($3::uuid[]) returning event_id::text`,
    [name, member, eventIds],
  );
  return rows.map((r) => r.event_id);
}
