import type { SqlTransaction } from '@crm/event-store';
import { tableNamer, viewName, type Projection } from '../projection';
import { selectGenerations, type Generation } from './generation';

/**
 * Creates the next generation of a projection with its empty tables. An `active` one (the
 * first build) gets the views at once; a `building` one is switched to when it has caught up.
 * Call under `lockProjection`.
 */
export async function openGeneration(
  tx: SqlTransaction,
  projection: Projection,
  status: 'active' | 'building',
  targetPosition: number,
): Promise<Generation> {
  const [{ next }] = await tx.query<{ next: number }>(
    `select coalesce(max(generation), 0) + 1 as next from crm_projection_generations where name = $1`,
    [projection.name],
  );
  const generation = Number(next);
  await tx.query(
    `insert into crm_projection_generations (name, generation, version, status, target_position, activated_at)
     values ($1, $2, $3, $4, $5, case when $4 = 'active' then now() end)`,
    [projection.name, generation, projection.version, status, targetPosition],
  );
  for (const statement of projection.schema(tableNamer(generation))) await tx.query(statement);
  if (status === 'active') await pointViews(tx, projection, generation);
  const [opened] = await selectGenerations(tx, `name = $1 and generation = $2`, [projection.name, generation]);
  return opened;
}

/** `crm_read.<table>` shows this generation's table: what analysts and the API read. */
export async function pointViews(tx: SqlTransaction, projection: Projection, generation: number): Promise<void> {
  const table = tableNamer(generation);
  for (const name of projection.tables) {
    await tx.query(`drop view if exists ${viewName(name)}`);
    await tx.query(`create view ${viewName(name)} as select * from ${table(name)}`);
  }
}
