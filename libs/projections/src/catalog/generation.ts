import type { SqlQueryable } from '@crm/event-store';

export type GenerationStatus = 'building' | 'active' | 'retired' | 'failed';

/** One build of a projection into its own tables, with its checkpoint. */
export interface Generation {
  name: string;
  generation: number;
  version: number;
  status: GenerationStatus;
  /** The last `$all` position applied (0: none yet). */
  position: number;
  /** The head of `$all` when the build began: what a rebuild must reach before it answers. */
  targetPosition: number;
  /** Server time of the last event applied, epoch ms. */
  appliedRecordedAt: number | null;
  error: string | null;
}

export const generationColumns = `name, generation, version, status, position::text as position, target_position::text as target_position,
  (extract(epoch from applied_recorded_at) * 1000)::float8 as applied_recorded_at, error`;

interface GenerationRow {
  name: string;
  generation: number;
  version: number;
  status: GenerationStatus;
  position: string;
  target_position: string;
  applied_recorded_at: number | null;
  error: string | null;
}

export const toGeneration = (row: GenerationRow): Generation => ({
  name: row.name,
  generation: Number(row.generation),
  version: Number(row.version),
  status: row.status,
  position: Number(row.position),
  targetPosition: Number(row.target_position),
  appliedRecordedAt: row.applied_recorded_at === null ? null : Number(row.applied_recorded_at),
  error: row.error,
});

export async function selectGenerations(db: SqlQueryable, where: string, params: readonly unknown[]): Promise<Generation[]> {
  const rows = await db.query<GenerationRow>(`select ${generationColumns} from crm_projection_generations where ${where} order by name, generation`, params);
  return rows.map(toGeneration);
}

/** Serialises the changes of one projection's generations (opening, activating) across processes. */
export const lockProjection = (tx: SqlQueryable, name: string) => tx.query(`select pg_advisory_xact_lock(7262004, hashtext($1))`, [name]);
