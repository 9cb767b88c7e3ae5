import type { RecordedEvent, SqlQueryable } from '@crm/event-store';

/**
 * Moves the webhook's cursor from `cursor` to `upTo` and makes the events read between them
 * pending deliveries, in one statement; false (nothing written) when the cursor had moved.
 */
export async function takeIntoPending(db: SqlQueryable, id: string, cursor: number, upTo: number, events: readonly RecordedEvent[]): Promise<boolean> {
  const rows = await db.query<{ moved: boolean }>(
    `with moved as (
       update crm_webhooks set cursor = $3 where id = $1 and cursor = $2 and disabled_at is null returning id
     ), taken as (
       insert into crm_webhook_pending (webhook_id, position, event_id, stream_id)
       select moved.id, e.position, e.event_id, e.stream_id
       from moved, unnest($4::bigint[], $5::uuid[], $6::text[]) as e (position, event_id, stream_id)
       on conflict do nothing
     )
     select exists (select 1 from moved) as moved`,
    [id, cursor, upTo, events.map((e) => e.position), events.map((e) => e.eventId), events.map((e) => e.streamId)],
  );
  return rows[0].moved;
}
