import type { ProjectionStatus } from '@crm/projections';
import { isThisProcess } from '../own-holder';

/** Who builds what, as the leases stand when the rebuild starts: one line per process. */
export function builders(statuses: readonly ProjectionStatus[], names: readonly string[]): string[] {
  const byHolder = new Map<string, string[]>();
  for (const name of names) {
    const holder = statuses.find((s) => s.name === name)?.heldBy ?? null;
    const who = holder === null ? 'the first process to take it' : isThisProcess(holder) ? 'this process' : `${holder} (another process; this one watches)`;
    byHolder.set(who, [...(byHolder.get(who) ?? []), name]);
  }
  return [...byHolder].map(([who, built]) => `Built by ${who}: ${built.join(', ')}`);
}
