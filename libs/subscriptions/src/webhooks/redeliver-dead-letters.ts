import type { SqlQueryable } from '@crm/event-store';

/**
 * Moves the webhook's dead letters (those of `eventIds`, or all) back to its pending deliveries,
 * their attempts counted from 0 and due now; answers the event ids moved, in
 * the order of `$all`. Each goes before its stream's later pending events, as it came before them.
 */
export async function redeliverDeadLetters(db: SqlQueryable, id: string, eventIds?: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ event_id: string }>(
    `with revived as (
       delete from crm_webhook_dead_letters where webhook_id = $1 and ($2::uuid[] is null or event_id = any($2::uuid[]))
       returning webhook_id, position, event_id, stream_id
     ), moved as (
       insert into crm_webhook_pending (webhook_id, position, event_id, stream_id)
       select webhook_id, position, event_id, stream_id from revived
       returning position, event_id
     )
     select event_id::text from moved order by position`,
    [id, eventIds ?? null],
  );
  return rows.map((r) => r.event_id);
}
