import type { SqlQueryable } from '@crm/event-store';
import { rebuildIdOf, type Generation } from '@crm/projections';

export type BuildOutcome = { state: 'building' } | { state: 'done' } | { state: 'failed'; error: string };

/**
 * What became of the requested builds, read from the projections' catalog: projectionStatus
 * shows only the generations that answer or are being built, so a build that failed would
 * just vanish from it. A `retired` generation was switched to and since replaced: done too.
 */
export async function buildOutcomes(db: SqlQueryable, builds: readonly Generation[]): Promise<BuildOutcome[]> {
  const rows = await db.query<{ name: string; generation: number; status: string; error: string | null }>(
    `select name, generation, status, error from crm_projection_generations where name = any($1::text[])`,
    [builds.map((b) => b.name)],
  );
  return builds.map((build) => {
    const row = rows.find((r) => r.name === build.name && Number(r.generation) === build.generation);
    if (!row) throw new Error(`The rebuild ${rebuildIdOf(build)} is gone from crm_projection_generations`);
    if (row.status === 'building') return { state: 'building' };
    return row.status === 'failed' ? { state: 'failed', error: row.error ?? 'no error recorded' } : { state: 'done' };
  });
}
