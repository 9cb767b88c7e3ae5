/** A PostgreSQL `pg_snapshot` as text: `xmin:xmax:xip1,xip2,...`. */
export interface Snapshot {
  xmin: bigint;
  xmax: bigint;
  xip: readonly bigint[];
}

export function parseSnapshot(text: string): Snapshot {
  const [xmin, xmax, xip] = text.split(':');
  if (xmin === undefined || xmax === undefined) throw new Error(`Not a pg_snapshot: ${text}`);
  return { xmin: BigInt(xmin), xmax: BigInt(xmax), xip: xip ? xip.split(',').map((x) => BigInt(x)) : [] };
}

/**
 * The transactions that may own a hole seen in snapshot `seen`: those running
 * in it (xip), plus every xid from its xmax up to `after`, an xid assigned
 * after `seen` was taken. xmax is only the latest *completed* xid + 1, so a
 * running writer with a higher xid is missing from xip (DESIGN.md §3).
 */
export class HoleOwners {
  constructor(
    private readonly seen: Snapshot,
    private readonly after: bigint,
  ) {}

  /** True when `later` shows every possible owner ended, so its rows are visible in `later` or never will be. */
  allEndedIn(later: Snapshot): boolean {
    if (later.xmax < this.after) return false;
    return !later.xip.some((xid) => this.seen.xip.includes(xid) || (xid >= this.seen.xmax && xid < this.after));
  }
}
