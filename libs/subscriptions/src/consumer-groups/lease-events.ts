import type { SqlQueryable } from '@crm/event-store';

/**
 * Leases to `member` up to `max` pending events, the oldest first: those nobody holds (never
 * leased, or their lease ran out) of streams no other member holds, so that a stream's events
 * go to one member at a time and in order. Those the member itself holds unacked come again
 * among them: a poll whose answer it lost must not leave a gap in a stream it then reads on.
 * The member's hold on those streams is renewed with them. Answers the positions leased, in order.
 */
export async function leaseEvents(db: SqlQueryable, name: string, member: string, max: number, leaseMs: number): Promise<{ position: number; deliveries: number }[]> {
  return db.query<{ position: number; deliveries: number }>(
    `with held as (
       select distinct stream_id from crm_consumer_group_pending
       where group_name = $1 and member is not null and member <> $2 and leased_until > now()
     ), free as (
       select position, stream_id from crm_consumer_group_pending
       where group_name = $1 and (member is null or member = $2 or leased_until <= now())
         and stream_id not in (select stream_id from held)
       order by position limit $3
     ), leased as (
       update crm_consumer_group_pending p
       set member = $2, leased_until = now() + $4 * interval '1 millisecond', deliveries = p.deliveries + 1
       from free where p.group_name = $1 and p.position = free.position
       returning p.position, p.deliveries
     ), renewed as (
       update crm_consumer_group_pending p set leased_until = now() + $4 * interval '1 millisecond'
       where p.group_name = $1 and p.member = $2 and p.stream_id in (select stream_id from free)
         and p.position not in (select position from free)
     )
     select position::float8 as position, deliveries from leased order by position`,
    [name, member, max, leaseMs],
  );
}
