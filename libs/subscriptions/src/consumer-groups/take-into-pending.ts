import type { RecordedEvent, SqlQueryable } from '@crm/event-store';

/**
 * Moves the group's cursor from `cursor` to `upTo` and makes the events read between them
 * pending, in one statement; false (nothing written) when another member moved the cursor first.
 */
export async function takeIntoPending(db: SqlQueryable, name: string, cursor: number, upTo: number, events: readonly RecordedEvent[]): Promise<boolean> {
  const rows = await db.query<{ moved: boolean }>(
    `with moved as (
       update crm_consumer_groups set cursor = $3 where name = $1 and cursor = $2 returning name
     ), taken as (
       insert into crm_consumer_group_pending (group_name, position, event_id, stream_id)
       select moved.name, e.position, e.event_id, e.stream_id
       from moved, unnest($4::bigint[], $5::uuid[], $6::text[]) as e (position, event_id, stream_id)
       on conflict do nothing
     )
     select exists (select 1 from moved) as moved`,
    [name, cursor, upTo, events.map((e) => e.position), events.map((e) => e.eventId), events.map((e) => e.streamId)],
  );
  return rows[0].moved;
}
