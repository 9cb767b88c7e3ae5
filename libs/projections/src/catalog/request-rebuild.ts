import type { SqlClient } from '@crm/event-store';
import type { Projection } from '../projection';
import { lockProjection, selectGenerations, type Generation } from './generation';
import { openGeneration } from './open-generation';

/**
 * Asks for a projection to be built again from the first event into fresh tables; the active
 * generation keeps answering until the new one has caught up. A build already under way is
 * answered instead of starting another.
 */
export async function requestRebuild(db: SqlClient, projection: Projection, headPosition: number): Promise<Generation> {
  return db.transaction(async (tx) => {
    await lockProjection(tx, projection.name);
    const [building] = await selectGenerations(tx, `name = $1 and status = 'building'`, [projection.name]);
    return building ?? openGeneration(tx, projection, 'building', headPosition);
  });
}
