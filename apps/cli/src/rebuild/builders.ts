import type { ProjectionStatus } from '@crm/projections';

/** Who builds what, as the leases stand when the rebuild starts: one line per process. */
export function builders(statuses: readonly ProjectionStatus[], names: readonly string[], holder: string): string[] {
  const byHolder = new Map<string, string[]>();
  for (const name of names) {
    const held = statuses.find((s) => s.name === name)?.heldBy ?? null;
    const who = held === null ? 'the first process to take it' : held === holder ? 'this process' : `${held} (another process; this one watches)`;
    byHolder.set(who, [...(byHolder.get(who) ?? []), name]);
  }
  return [...byHolder].map(([who, built]) => `Built by ${who}: ${built.join(', ')}`);
}
