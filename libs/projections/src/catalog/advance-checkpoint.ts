import type { SqlQueryable } from '@crm/event-store';

/**
 * Moves a generation's checkpoint from `from` to `to`, in the transaction that wrote the
 * rows up to `to`. False when the checkpoint is not at `from` any more (another process
 * applied it, or it was retired): the caller must roll its rows back.
 */
export async function advanceCheckpoint(
  tx: SqlQueryable,
  at: { name: string; generation: number },
  from: number,
  to: number,
  recordedAt: string,
): Promise<boolean> {
  const rows = await tx.query(
    `update crm_projection_generations set position = $4, applied_recorded_at = $5
     where name = $1 and generation = $2 and position = $3 and status in ('active', 'building')
     returning 1`,
    [at.name, at.generation, from, to, recordedAt],
  );
  return rows.length === 1;
}
