import type { SqlQueryable } from '@crm/event-store';

/** Notes that `member` polled now. */
export async function recordPoll(db: SqlQueryable, name: string, member: string): Promise<void> {
  await db.query(
    `insert into crm_consumer_group_members (group_name, member, last_poll_at) values ($1, $2, now())
     on conflict (group_name, member) do update set last_poll_at = excluded.last_poll_at`,
    [name, member],
  );
}
