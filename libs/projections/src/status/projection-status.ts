import type { EventStore, SqlQueryable } from '@crm/event-store';
import { selectGenerations, type Generation } from '../catalog/generation';
import type { Projection } from '../projection';

/**
 * - `live`: applied by a process, caught up or nearly;
 * - `catching-up`: applied, more than a batch behind;
 * - `rebuilding`: a new generation is being built (the active one answers meanwhile);
 * - `failed`: its apply threw; it answers as of its checkpoint until a process starts it again;
 * - `stopped`: no process holds its lease (none runs the projections).
 */
export type ProjectionState = 'live' | 'catching-up' | 'rebuilding' | 'failed' | 'stopped';

export interface RebuildProgress {
  rebuildId: string;
  version: number;
  position: number;
  targetPosition: number;
  /** position / targetPosition, 1 once reached. */
  progress: number;
}

export interface ProjectionStatus {
  name: string;
  /** The version the active tables were built by. */
  version: number;
  position: number;
  /** Positions of `$all` after the checkpoint (events, but for positions an aborted append left unused). */
  lagEvents: number;
  /** Since the first event not applied yet was recorded; 0 when caught up. */
  lagMs: number;
  status: ProjectionState;
  error: string | null;
  /** Who applies it, until when. */
  heldBy: string | null;
  rebuild: RebuildProgress | null;
}

export const rebuildIdOf = (g: Pick<Generation, 'name' | 'generation'>) => `${g.name}.${g.generation}`;

/** Nearly caught up: what arrives while a batch commits. */
const liveLag = 1000;

/** The status of every projection as stored: any process may answer it, whichever applies them. */
export async function projectionStatus(store: EventStore, db: SqlQueryable, projections: readonly Projection[], now: number): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const generations = await selectGenerations(db, `status in ('active', 'building')`, []);
  const leases = await db.query<{ name: string; holder: string }>(`select name, holder from crm_projection_leases where expires_at >= now()`);
  const holders = new Map(leases.map((l) => [l.name, l.holder]));
  const statuses: ProjectionStatus[] = [];
  for (const projection of projections) {
    const active = generations.find((g) => g.name === projection.name && g.status === 'active');
    const building = generations.find((g) => g.name === projection.name && g.status === 'building');
    const position = active?.position ?? 0;
    const lagEvents = Math.max(0, head - position);
    const heldBy = holders.get(projection.name) ?? null;
    statuses.push({
      name: projection.name,
      version: active?.version ?? projection.version,
      position,
      lagEvents,
      lagMs: lagEvents === 0 ? 0 : await msSinceFirstAfter(store, position, now),
      status: active?.error ? 'failed' : heldBy === null ? 'stopped' : building ? 'rebuilding' : lagEvents > liveLag ? 'catching-up' : 'live',
      error: active?.error ?? null,
      heldBy,
      rebuild: building
        ? {
            rebuildId: rebuildIdOf(building),
            version: building.version,
            position: building.position,
            targetPosition: building.targetPosition,
            progress: building.targetPosition === 0 ? 1 : Math.min(1, building.position / building.targetPosition),
          }
        : null,
    });
  }
  return statuses;
}

async function msSinceFirstAfter(store: EventStore, position: number, now: number): Promise<number> {
  for await (const event of store.readAll({ from: position + 1 })) return Math.max(0, now - Date.parse(event.recordedAt));
  return 0;
}
