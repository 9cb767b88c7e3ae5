import type { SqlQueryable } from '@crm/event-store';

/** The checkpoint of a projection's active generation (-1: none yet). */
export async function activePosition(db: SqlQueryable, name: string): Promise<number> {
  const [row] = await db.query<{ position: string }>(`select position::text as position from crm_projection_generations where name = $1 and status = 'active'`, [name]);
  return row ? Number(row.position) : -1;
}
