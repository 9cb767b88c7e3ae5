import type { SqlQueryable } from '@crm/event-store';

/**
 * Moves generations' checkpoints to `to`, in the transaction that wrote their rows up to `to`,
 * each only from the position it is known at and while `holder` holds its projection's lease.
 * Answers, per generation, whether it moved: one that did not was applied by another process,
 * retired, or lost its lease, and the caller must roll its rows back.
 */
export async function advanceCheckpoints(
  tx: SqlQueryable,
  generations: readonly { name: string; generation: number; position: number }[],
  to: number,
  recordedAt: string,
  holder: string,
): Promise<boolean[]> {
  const rows = await tx.query<{ name: string; generation: number }>(
    `update crm_projection_generations g set position = $2, applied_recorded_at = $3
       from jsonb_to_recordset($1::text::jsonb) as r(name text, generation integer, position bigint)
      where g.name = r.name and g.generation = r.generation and g.position = r.position and g.status in ('active', 'building')
        and exists (select 1 from crm_projection_leases l where l.name = g.name and l.holder = $4 and l.expires_at >= now())
      returning g.name, g.generation`,
    [JSON.stringify(generations.map(({ name, generation, position }) => ({ name, generation, position }))), to, recordedAt, holder],
  );
  return generations.map((g) => rows.some((r) => r.name === g.name && Number(r.generation) === g.generation));
}
