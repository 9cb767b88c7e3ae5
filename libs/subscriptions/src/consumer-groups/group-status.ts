import type { SqlQueryable } from '@crm/event-store';

export interface GroupCounts {
  first_pending: number | null;
  total: number;
  leased: number;
  members: { member: string; leased: number; lastPollAt: string }[];
}

/** The group's pending counts and members, read in one statement. */
export async function groupCounts(db: SqlQueryable, name: string): Promise<GroupCounts> {
  const [row] = await db.query<GroupCounts>(
    `select (select min(position)::float8 from crm_consumer_group_pending where group_name = $1) as first_pending,
            (select count(*)::int from crm_consumer_group_pending where group_name = $1) as total,
            (select count(*)::int from crm_consumer_group_pending where group_name = $1 and member is not null and leased_until > now()) as leased,
            coalesce((select json_agg(json_build_object('member', m.member, 'lastPollAt', m.last_poll_at,
                       'leased', (select count(*) from crm_consumer_group_pending p
                                  where p.group_name = $1 and p.member = m.member and p.leased_until > now())) order by m.member)
                      from crm_consumer_group_members m where m.group_name = $1), '[]'::json) as members`,
    [name],
  );
  return row;
}
