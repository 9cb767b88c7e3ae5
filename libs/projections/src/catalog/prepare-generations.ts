import type { SqlClient } from '@crm/event-store';
import type { Projection } from '../projection';
import { lockProjection, selectGenerations } from './generation';
import { openGeneration } from './open-generation';

/**
 * At start: a projection never built gets its first generation, active and empty; one whose
 * code has a version other than its active generation's gets a new generation to build,
 * while the old one keeps answering until the new one has caught up.
 */
export async function prepareGenerations(db: SqlClient, projection: Projection, headPosition: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProjection(tx, projection.name);
    const current = await selectGenerations(tx, `name = $1 and status in ('active', 'building')`, [projection.name]);
    const active = current.find((g) => g.status === 'active');
    const building = current.find((g) => g.status === 'building');
    if (!active) {
      if (!building) await openGeneration(tx, projection, 'active', headPosition);
      return;
    }
    if (active.version === projection.version) return;
    if (building?.version === projection.version) return;
    // A build of another version (the code went back and forth) is of no use now.
    if (building) await tx.query(`update crm_projection_generations set status = 'failed', error = 'superseded by version ' || $3 where name = $1 and generation = $2`, [projection.name, building.generation, projection.version]);
    await openGeneration(tx, projection, 'building', headPosition);
  });
}
