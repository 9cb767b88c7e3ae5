import { HoleOwners, parseSnapshot } from './snapshot';
import type { SqlQueryable } from './sql-client';
import { positionsDrawnStatement, snapshotAndXidStatement } from './statements';

/**
 * A position up to which every position is committed or for good absent, learnt
 * without a pass over the positions, so that a filtered read can take only its
 * own rows by index (DESIGN.md §3). A writer takes its xid before it draws a
 * position, so every position drawn before a snapshot belongs to a transaction
 * that had committed, or was running, in it: once those have ended, all of them
 * are visible or never will be.
 */
export class SettledHorizon {
  private settled = 0;
  /** Positions drawn up to `drawn` before a snapshot whose running writers had not all ended yet. */
  private pending?: { drawn: number; owners: HoleOwners };

  constructor(private readonly db: SqlQueryable) {}

  /** How many positions were ever drawn: none beyond it exists yet. */
  async drawn(): Promise<number> {
    const [{ drawn }] = await this.db.query<{ drawn: string }>(positionsDrawnStatement);
    return Number(drawn);
  }

  /** Moves the horizon as far as the writers running now allow, waiting for none. */
  async advance(): Promise<number> {
    const drawn = await this.drawn();
    const [{ snapshot, xid }] = await this.db.query<{ snapshot: string; xid: string }>(snapshotAndXidStatement);
    const seen = parseSnapshot(snapshot);
    if (this.pending?.owners.allEndedIn(seen)) {
      this.settled = Math.max(this.settled, this.pending.drawn);
      this.pending = undefined;
    }
    const owners = new HoleOwners(seen, BigInt(xid));
    if (owners.allEndedIn(seen)) this.settled = Math.max(this.settled, drawn);
    else this.pending ??= { drawn, owners };
    return this.settled;
  }
}
