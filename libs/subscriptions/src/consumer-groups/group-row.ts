import type { SqlQueryable } from '@crm/event-store';
import type { ConsumerGroupDefinition } from './consumer-group';

export interface GroupRow {
  name: string;
  types: string[] | null;
  stream_id: string | null;
  from_position: number;
  cursor: number;
  lease_ms: number;
  created_at: Date | string;
}

/** The group as stored, or undefined when there is none of that name. */
export async function readGroup(db: SqlQueryable, name: string): Promise<GroupRow | undefined> {
  const [row] = await db.query<GroupRow>(
    `select name, types, stream_id, from_position::float8 as from_position, cursor::float8 as cursor, lease_ms, created_at
     from crm_consumer_groups where name = $1`,
    [name],
  );
  return row;
}

export function definitionOf(row: GroupRow): ConsumerGroupDefinition {
  return {
    name: row.name,
    filter: { ...(row.types ? { types: row.types } : {}), ...(row.stream_id ? { streamId: row.stream_id } : {}) },
    from: row.from_position,
    leaseMs: row.lease_ms,
  };
}
