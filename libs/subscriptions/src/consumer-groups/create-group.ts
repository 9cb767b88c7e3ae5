import type { SqlQueryable } from '@crm/event-store';
import type { ConsumerGroupDefinition } from './consumer-group';

/** Stores a new group; false when one of that name exists already. */
export async function createGroup(db: SqlQueryable, group: ConsumerGroupDefinition): Promise<boolean> {
  const rows = await db.query(
    `insert into crm_consumer_groups (name, types, stream_id, from_position, cursor, lease_ms)
     values ($1, $2, $3, $4::bigint, $4::bigint - 1, $5) on conflict (name) do nothing returning name`,
    [group.name, group.filter.types && group.filter.types.length > 0 ? [...group.filter.types].sort() : null, group.filter.streamId ?? null, group.from, group.leaseMs],
  );
  return rows.length === 1;
}
