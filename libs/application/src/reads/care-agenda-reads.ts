import type { Tier } from '@crm/domain';
import type { EventStore, SqlQueryable } from '@crm/event-store';
import {
  careAgenda,
  careCadencePolicy,
  careDates,
  careFactsByCustomer,
  careSourcesOf,
  commerce,
  customerDirectory,
  foldCareFacts,
  noContactAlerts,
  readCareFacts,
  readDirectory,
  readKeptCareSources,
  readPlannedVisits,
  visitsDue,
  windowMonthDays,
  type CareCadenceDays,
  type CareCustomer,
  type CareDate,
  type CareDateSource,
  type DirectoryEntry,
} from '@crm/projections';
import { iso } from './instants';
import { awaitProjections } from './read-your-writes';
import type { ValueReads } from './value-reads';

export interface AgendaRequest {
  asOf: string;
  days: number;
  timeZone: string;
  managerId?: string;
}

export interface VisitDueEntry {
  customerId: string;
  managerId: string | null;
  tier: Tier;
  lastContactAt: string;
  dueAt: string;
  overdueDays: number | null;
  daysUntil: number | null;
  nextPlannedVisit: string | null;
}

export interface NoContactEntry {
  customerId: string;
  managerId: string | null;
  tier: Tier;
  lastInteractionAt: string;
  daysSince: number;
}

export interface CareItems {
  dates: CareDate[];
  visitsDue: VisitDueEntry[];
  noContact: NoContactEntry[];
}

export interface CareAgendaAnswer extends CareItems {
  asOf: string;
  days: number;
  timeZone: string;
  managerId: string | null;
  cadenceDays: CareCadenceDays;
}

/**
 * The care agenda as of T (003, 004): the care dates in the window and the visits due and the
 * silent customers by tier cadence. A customer's tier is the tier read model's at T; a
 * disqualified customer has no tier and gets no visits, but its dates are still listed.
 */
export class CareAgendaReads {
  private readonly cadence: CareCadenceDays;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlQueryable,
    private readonly value: ValueReads,
    cadence: Partial<CareCadenceDays> = {},
  ) {
    this.cadence = careCadencePolicy(cadence);
  }

  async agenda({ asOf, days, timeZone, managerId }: AgendaRequest): Promise<CareAgendaAnswer> {
    await this.caughtUp();
    const [everyone, tiers] = await Promise.all([readDirectory(this.db, asOf), this.value.tiers(asOf)]);
    const directory = everyone.filter((c) => managerId === undefined || c.managerId === managerId);
    const items = await this.itemsOf(directory, new Map(tiers.rows.map((r) => [r.customerId, r.tier])), { asOf, days, timeZone });
    return { asOf, days, timeZone, managerId: managerId ?? null, cadenceDays: this.cadence, ...items };
  }

  /** One customer's care items (its 360): its dates in the window, its visit due and its alert, at its tier. */
  async customer(customerId: string, tier: Tier | null, window: Omit<AgendaRequest, 'managerId'>): Promise<CareItems> {
    await this.caughtUp();
    const directory = await readDirectory(this.db, window.asOf, customerId);
    return this.itemsOf(directory, new Map(tier ? [[customerId, tier]] : []), window, customerId);
  }

  private async itemsOf(
    directory: readonly DirectoryEntry[],
    tierOf: ReadonlyMap<string, Tier>,
    { asOf, days, timeZone }: Omit<AgendaRequest, 'managerId'>,
    customerId?: string,
  ): Promise<CareItems> {
    const T = Date.parse(asOf);
    const [sources, plans] = await Promise.all([this.sourcesAt(directory, { asOf, days, timeZone }, customerId), readPlannedVisits(this.db, asOf, customerId)]);
    const customers = directory.flatMap((c): CareCustomer[] => {
      const tier = tierOf.get(c.customerId);
      return tier ? [careCustomer(c, tier, plans.get(c.customerId) ?? [])] : [];
    });
    const managerOf = new Map(directory.map((c) => [c.customerId, c.managerId]));
    return {
      dates: careDates(sources, T, days, timeZone),
      visitsDue: visitsDue(customers, T, days, this.cadence).map((v) => ({
        customerId: v.customerId,
        managerId: managerOf.get(v.customerId) ?? null,
        tier: v.tier,
        lastContactAt: iso(v.lastContactAt),
        dueAt: iso(v.dueAt),
        overdueDays: v.overdueDays,
        daysUntil: v.daysUntil,
        nextPlannedVisit: v.nextPlannedVisit === null ? null : iso(v.nextPlannedVisit),
      })),
      noContact: noContactAlerts(customers, T, this.cadence).map((a) => ({
        customerId: a.customerId,
        managerId: managerOf.get(a.customerId) ?? null,
        tier: a.tier,
        lastInteractionAt: iso(a.lastInteractionAt),
        daysSince: a.daysSince,
      })),
    };
  }

  /**
   * The directory's customers' care dates: past the horizon the kept ones of the window's
   * month-days (careDates drops the others anyway), else each customer's facts at T folded.
   */
  private async sourcesAt(
    directory: readonly DirectoryEntry[],
    { asOf, days, timeZone }: Omit<AgendaRequest, 'managerId'>,
    customerId?: string,
  ): Promise<CareDateSource[]> {
    const T = Date.parse(asOf);
    const nameOf = new Map(directory.map((c) => [c.customerId, c.name ?? c.customerId]));
    const kept = await readKeptCareSources(this.db, asOf, windowMonthDays(T, days, timeZone), customerId);
    if (kept) return kept.flatMap((s) => (nameOf.has(s.customerId) ? [{ ...s, label: s.label ?? nameOf.get(s.customerId)! }] : []));
    const facts = careFactsByCustomer(await readCareFacts(this.db, asOf, customerId));
    return directory.flatMap((c) => careSourcesOf(c.customerId, nameOf.get(c.customerId)!, foldCareFacts(facts.get(c.customerId) ?? [], T)));
  }

  private async caughtUp(): Promise<void> {
    await awaitProjections(this.db, this.store, careAgenda.name, customerDirectory.name, commerce.name);
  }
}

/** The rules need only the latest visit and the latest interaction at or before T, which the directory gives. */
function careCustomer(c: DirectoryEntry, tier: Tier, plannedVisits: CareCustomer['plannedVisits']): CareCustomer {
  const interactions: { at: number; channel: CareCustomer['interactions'][number]['channel'] }[] = [];
  if (c.lastVisitAt !== null) interactions.push({ at: c.lastVisitAt, channel: 'visit' });
  if (c.lastInteractionAt !== null) interactions.push({ at: c.lastInteractionAt, channel: c.lastInteractionChannel as CareCustomer['interactions'][number]['channel'] });
  return { customerId: c.customerId, tier, registeredAt: c.registeredAt, interactions, plannedVisits };
}
