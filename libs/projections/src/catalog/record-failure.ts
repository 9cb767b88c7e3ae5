import type { SqlQueryable } from '@crm/event-store';

/**
 * A generation whose apply threw stops where it is, with the error to show. A build that fails
 * is given up (the active generation keeps answering); an active one keeps answering at its
 * checkpoint, and is tried again when a process starts it again.
 */
export async function recordFailure(db: SqlQueryable, at: { name: string; generation: number }, error: string): Promise<void> {
  await db.query(
    `update crm_projection_generations set error = $3, status = case when status = 'building' then 'failed' else status end
     where name = $1 and generation = $2`,
    [at.name, at.generation, error.slice(0, 2000)],
  );
}

/** A process that starts a projection again clears the error of its active generation. */
export async function clearFailure(db: SqlQueryable, name: string): Promise<void> {
  await db.query(`update crm_projection_generations set error = null where name = $1 and status = 'active' and error is not null`, [name]);
}
