import type { SqlClient } from '@crm/event-store';
import { tableNamer, type Projection } from '../projection';
import { lockProjection, selectGenerations } from './generation';
import { pointViews } from './open-generation';

/**
 * Switches a projection's views to a generation built to the end, in one transaction:
 * readers see the old rows or the new ones, never a mix. The old generation's tables go.
 * False when the generation is no longer being built.
 */
export async function activateGeneration(db: SqlClient, projection: Projection, generation: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockProjection(tx, projection.name);
    const [building] = await selectGenerations(tx, `name = $1 and generation = $2 and status = 'building'`, [projection.name, generation]);
    if (!building) return false;
    const retired = await tx.query<{ generation: number }>(
      `update crm_projection_generations set status = 'retired' where name = $1 and status = 'active' returning generation`,
      [projection.name],
    );
    await tx.query(`update crm_projection_generations set status = 'active', activated_at = now() where name = $1 and generation = $2`, [
      projection.name,
      generation,
    ]);
    await pointViews(tx, projection, generation);
    for (const { generation: old } of retired) {
      for (const table of projection.tables) await tx.query(`drop table if exists ${tableNamer(Number(old))(table)}`);
    }
    return true;
  });
}
