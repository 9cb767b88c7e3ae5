/** A customer of the population at T (C2) as the directory knows it then. */
export interface DirectoryEntry {
  customerId: string;
  kind: string;
  /** Null once erased (for an asOf before the erasure). */
  name: string | null;
  registeredAt: number;
  /** The latest assignment at or before T. */
  managerId: string | null;
  /** The latest interaction of any channel at or before T, and its channel. */
  lastInteractionAt: number | null;
  lastInteractionChannel: string | null;
  /** The latest visit or meeting at or before T. */
  lastVisitAt: number | null;
}

/** A directory row as the queries select it. */
export interface DirectoryRow {
  customer_id: string;
  kind: string;
  name: string | null;
  registered_ms: number;
  manager_id: string | null;
  last_ms: number | null;
  last_channel: string | null;
  visit_ms: number | null;
}

/** The rows as entries, in their order. */
export function entriesOf(rows: readonly DirectoryRow[]): DirectoryEntry[] {
  return rows.map((r) => ({
    customerId: r.customer_id,
    kind: r.kind,
    name: r.name,
    registeredAt: Number(r.registered_ms),
    managerId: r.manager_id,
    lastInteractionAt: r.last_ms === null ? null : Number(r.last_ms),
    lastInteractionChannel: r.last_channel,
    lastVisitAt: r.visit_ms === null ? null : Number(r.visit_ms),
  }));
}
