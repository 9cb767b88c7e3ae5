import type { Tier } from '@crm/domain';
import type { EventStore, SqlQueryable } from '@crm/event-store';
import { commerce, customerDirectory, lifecycle, readDirectory, readOrderTotals, readPopulation, readStagesAt, type Stage } from '@crm/projections';
import { iso } from './instants';
import { awaitProjections } from './read-your-writes';
import type { ValueReads } from './value-reads';

export const customerSortKeys = ['customerId', 'name', 'netRevenueMinor', 'lastInteractionAt'] as const;
export type CustomerSortKey = (typeof customerSortKeys)[number];

export interface CustomerSort {
  key: CustomerSortKey;
  descending: boolean;
}

/** Where a page ended: the last entry's sort value and id. */
export interface CustomerListCursor {
  value: string | number | null;
  customerId: string;
}

export interface CustomerListRequest {
  asOf: string;
  stage?: Stage;
  tier?: Tier;
  managerId?: string;
  /** Part of the name or the id, any case. */
  q?: string;
  sort: CustomerSort;
  limit: number;
  after?: CustomerListCursor;
}

export interface CustomerListEntry {
  customerId: string;
  name: string | null;
  kind: string;
  stage: Stage | null;
  tier: Tier | null;
  managerId: string | null;
  lastInteractionAt: string | null;
  /** Net revenue of every counted order by T, in the analytics currency (C3). */
  netRevenueMinor: number;
}

export interface CustomerListPage {
  asOf: string;
  customers: CustomerListEntry[];
  next: CustomerListCursor | null;
}

/**
 * The list of customers as of T (C2): who they are, their stage, tier and manager then, and
 * their net revenue, filtered and sorted; pages continue after the last entry's sort value.
 */
export class CustomerListReads {
  constructor(
    private readonly store: EventStore,
    private readonly db: SqlQueryable,
    private readonly value: ValueReads,
    private readonly currency = 'CNY',
  ) {}

  async list(request: CustomerListRequest): Promise<CustomerListPage> {
    const { asOf, sort, limit } = request;
    await awaitProjections(this.db, this.store, customerDirectory.name, lifecycle.name, commerce.name);
    // Side by side: on PostgreSQL each on a connection of its own, decoded here while the others run.
    const [directory, stages, population, lifetime, year] = await Promise.all([
      readDirectory(this.db, asOf),
      readStagesAt(this.db, asOf),
      readPopulation(this.db, asOf),
      readOrderTotals(this.db, { asOf, currency: this.currency }),
      this.value.yearTotals(asOf),
    ]);
    const tierOf = new Map(this.value.tiersOf(asOf, population, year.totals).rows.map((r) => [r.customerId, r.tier]));
    const revenueOf = new Map(lifetime.totals.map((t) => [t.customerId, t.netMinor]));
    const q = request.q?.toLowerCase();
    const chosen = directory
      .map((c): CustomerListEntry & { lastMs: number | null } => ({
        customerId: c.customerId,
        name: c.name,
        kind: c.kind,
        stage: stages.get(c.customerId) ?? null,
        tier: tierOf.get(c.customerId) ?? null,
        managerId: c.managerId,
        lastInteractionAt: null, // written for the page only: the population may be large
        netRevenueMinor: revenueOf.get(c.customerId) ?? 0,
        lastMs: c.lastInteractionAt,
      }))
      .filter(
        (c) =>
          (request.stage === undefined || c.stage === request.stage) &&
          (request.tier === undefined || c.tier === request.tier) &&
          (request.managerId === undefined || c.managerId === request.managerId) &&
          (q === undefined || c.customerId.toLowerCase().includes(q) || (c.name ?? '').toLowerCase().includes(q)),
      )
      .map((c) => ({ entry: c, at: { value: sortValue(c, sort.key), customerId: c.customerId } }))
      .filter((c) => request.after === undefined || compare(c.at, request.after, sort) > 0)
      .sort((a, b) => compare(a.at, b.at, sort));
    const page = chosen.slice(0, limit);
    return {
      asOf,
      customers: page.map(({ entry: { lastMs, ...entry } }) => ({ ...entry, lastInteractionAt: lastMs === null ? null : iso(lastMs) })),
      next: chosen.length > limit ? page.at(-1)!.at : null,
    };
  }
}

function sortValue(c: CustomerListEntry & { lastMs: number | null }, key: CustomerSortKey): string | number | null {
  if (key === 'lastInteractionAt') return c.lastMs;
  return c[key];
}

/** By the sort value in its direction, an absent one last either way, then by customerId (C5's code-unit order). */
function compare(a: CustomerListCursor, b: CustomerListCursor, sort: CustomerSort): number {
  if (a.value !== b.value) {
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    const order = a.value < b.value ? -1 : 1;
    return sort.descending ? -order : order;
  }
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}
