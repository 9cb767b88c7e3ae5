import type { ProjectionStatus } from '@crm/projections';

interface State {
  /** What must change for a new line: not the positions, which move with every batch. */
  key: string;
  text: string;
}

/** `holder`: this process's name in the leases. */
export function stateOf(s: ProjectionStatus, holder: string): State {
  if (s.status === 'failed') return { key: `failed ${s.error}`, text: `failed at position ${s.position}: ${s.error}` };
  if (s.heldBy === null) return { key: 'free', text: 'applied by no process' };
  if (s.heldBy !== holder) return { key: `elsewhere ${s.heldBy}`, text: `applied by ${s.heldBy}; this process takes over if that one stops` };
  if (s.status === 'rebuilding') {
    return { key: `rebuilding ${s.rebuild?.rebuildId}`, text: `rebuilding (${s.rebuild?.rebuildId}) in this process; the current tables answer meanwhile` };
  }
  if (s.status === 'catching-up') return { key: 'catching-up', text: `applied by this process, catching up: ${s.lagEvents} events behind` };
  return { key: 'live', text: `applied by this process, caught up at position ${s.position}` };
}

/** Tells each projection's state once, when it changes. */
export class StateLog {
  private readonly told = new Map<string, string>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly holder: string,
  ) {}

  show(statuses: readonly ProjectionStatus[]): void {
    for (const status of statuses) {
      const state = stateOf(status, this.holder);
      if (this.told.get(status.name) === state.key) continue;
      this.told.set(status.name, state.key);
      this.write(`${status.name}: ${state.text}`);
    }
  }
}
