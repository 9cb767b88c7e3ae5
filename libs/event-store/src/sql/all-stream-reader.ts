import type { ReadAllOptions, RecordedEvent } from '../event-store';
import { toChainedEvent, toRecordedEvent, type ChainedEventRow, type EventRow } from './row-mapping';
import { SettledHorizon } from './settled-horizon';
import { HoleOwners, parseSnapshot, type Snapshot } from './snapshot';
import type { SqlQueryable } from './sql-client';
import { currentXidStatement, readAllChainedPageStatement, readAllPageStatement, readTypesChainedPageStatement, readTypesPageStatement } from './statements';

type PageRow = Partial<ChainedEventRow> & { snapshot: string; matches: boolean | null };

interface Page {
  snapshot: Snapshot;
  /** Rows in position order; empty when nothing lies after the cursor. */
  rows: (EventRow & Partial<ChainedEventRow> & { matches: boolean })[];
}

const noUpperBound = Number.MAX_SAFE_INTEGER;

/**
 * Reads `$all` in position order without ever passing a position that a
 * writer may still commit (DESIGN.md §3). It delivers the contiguous prefix
 * after its cursor; at a hole it waits until every transaction that could own
 * the hole has ended, as shown by a snapshot read together with the rows.
 */
export class AllStreamReader {
  /** Every position up to here is delivered or permanently absent. */
  private settled: number;
  /** For a read by type: how far its rows can be taken by index. */
  private readonly horizon?: SettledHorizon;
  private horizonAt = 0;
  /** Whether the last page read in full was full: only then may the index pay (none is read at the head). */
  private behind = true;

  constructor(
    private readonly db: SqlQueryable,
    private readonly options: ReadAllOptions & { pageSize: number; holePollMs: number; chained?: boolean },
  ) {
    this.settled = Math.max(0, (options.from ?? 1) - 1);
    if (options.types && options.types.length > 0) this.horizon = new SettledHorizon(db);
  }

  /** Every position up to this one was delivered (or filtered out) or is permanently absent. */
  get position(): number {
    return this.settled;
  }

  /**
   * Next events up to what is settled now; an empty list means caught up, or (once the clock
   * passes `waitUntil`, epoch ms) that a writer still holds the position after the cursor.
   */
  async next(waitUntil = Infinity): Promise<RecordedEvent[]> {
    const byType = await this.nextByType();
    if (byType.length > 0) return byType;
    for (;;) {
      const page = await this.readPage(this.options.to ?? noUpperBound);
      const delivered: RecordedEvent[] = [];
      const beyondHole = this.takeContiguous(page.rows, delivered);
      // Deliver what is safe first; wait on a hole only when nothing is.
      if (beyondHole.length > 0 && delivered.length === 0) {
        await this.waitOutHole(page.snapshot, beyondHole[beyondHole.length - 1].position, delivered, waitUntil);
      }
      if (delivered.length > 0 || page.rows.length === 0 || (beyondHole.length > 0 && Date.now() >= waitUntil)) return delivered;
    }
  }

  /**
   * A read by type far behind the head takes its rows by index up to the settled horizon;
   * near the head (within a page) it reads as every reader does, holes and all.
   */
  private async nextByType(): Promise<RecordedEvent[]> {
    if (!this.horizon || !this.behind) return [];
    const end = this.options.to ?? noUpperBound;
    for (;;) {
      if (this.settled >= this.horizonAt) {
        if ((await this.horizon.drawn()) - this.settled <= this.options.pageSize) return [];
        this.horizonAt = await this.horizon.advance();
      }
      const upTo = Math.min(this.horizonAt, end);
      if (upTo <= this.settled) return [];
      const { types, streamId, pageSize } = this.options;
      const rows = await this.db.query<EventRow & Partial<ChainedEventRow>>(this.options.chained ? readTypesChainedPageStatement : readTypesPageStatement, [
        types,
        streamId ?? null,
        this.settled,
        upTo,
        pageSize,
      ]);
      this.settled = rows.length < pageSize ? upTo : Number(rows[rows.length - 1].position);
      if (rows.length > 0) return rows.map((row) => (this.options.chained ? toChainedEvent(row as ChainedEventRow) : toRecordedEvent(row)));
    }
  }

  private async readPage(upTo: number): Promise<Page> {
    const { types, streamId, pageSize } = this.options;
    const rows = await this.db.query<PageRow>(this.options.chained ? readAllChainedPageStatement : readAllPageStatement, [
      this.settled,
      upTo,
      pageSize,
      types && types.length > 0 ? types : null,
      streamId ?? null,
    ]);
    const snapshot = parseSnapshot(rows[0].snapshot);
    const events = rows.filter((row) => row.position !== null && row.position !== undefined) as Page['rows'];
    this.behind = events.length === pageSize;
    for (const row of events) row.position = Number(row.position);
    return { snapshot, rows: events };
  }

  /** Moves the cursor over the gap-free run right after it; returns the rows beyond the first hole. */
  private takeContiguous(rows: Page['rows'], into: RecordedEvent[]): Page['rows'] {
    let i = 0;
    while (i < rows.length && rows[i].position === this.settled + 1) {
      this.settle(rows[i], into);
      i++;
    }
    return rows.slice(i);
  }

  private settle(row: Page['rows'][number], into: RecordedEvent[]): void {
    this.settled = row.position;
    if (row.matches) into.push(this.options.chained ? toChainedEvent(row as ChainedEventRow) : toRecordedEvent(row));
  }

  /**
   * A hole lies right after the cursor and rows up to `highest` are visible in
   * `seen`. Re-read until the hole fills or all its possible owners have ended;
   * then every position up to `highest` still missing is permanently absent.
   */
  private async waitOutHole(seen: Snapshot, highest: number, into: RecordedEvent[], waitUntil: number): Promise<void> {
    const [{ xid }] = await this.db.query<{ xid: string }>(currentXidStatement);
    const owners = new HoleOwners(seen, BigInt(xid));
    for (;;) {
      const page = await this.readPage(highest);
      if (owners.allEndedIn(page.snapshot)) {
        for (const row of page.rows) this.settle(row, into);
        if (page.rows.length < this.options.pageSize) this.settled = highest;
        return;
      }
      const rest = this.takeContiguous(page.rows, into);
      if (rest.length === 0 && this.settled >= highest) return;
      if (into.length > 0 || Date.now() >= waitUntil) return; // hand over what filled in; the next call resumes waiting
      await sleep(this.options.holePollMs);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * The highest position up to which every position is written or for good
 * absent, read as a `$all` reader reads (DESIGN.md §3): a checkpoint never
 * covers a position a writer may still commit.
 */
export async function settledPosition(client: SqlQueryable, after: number): Promise<number> {
  // No event type is empty (the schema checks types), so no payload is read: positions only.
  const reader = new AllStreamReader(client, { from: after + 1, types: [''], pageSize: 5000, holePollMs: 1 });
  while ((await reader.next()).length > 0);
  return reader.position;
}
