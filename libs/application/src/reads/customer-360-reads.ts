import {
  contactLevels,
  relationshipLevels,
  type ContactLevel,
  type ContactView,
  type CustomerView,
  type RegisteredCustomerView,
  type RelationshipLevel,
} from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import type { CustomerViews } from '../customer-streams';
import type { CareAgendaReads, CareItems } from './care-agenda-reads';
import type { BoardEntry, ComplaintBoardReads } from './complaint-board-reads';
import { customerViewAsOf } from './customer-view-as-of';
import { knownCustomerVersion } from './known-customer';
import type { CustomerLifecycle, LifecycleReads } from './lifecycle-reads';
import type { CustomerLoyalty, LoyaltyReads } from './loyalty-reads';
import type { CustomerTier, ValueReads } from './value-reads';

/** A contact in the org chart, with the contacts who report to it. */
export interface OrgChartNode {
  contactId: string;
  name: string | null;
  title: string | null;
  level: ContactLevel;
  role: ContactView['role'];
  /** 内线: an insider who champions us. */
  internalChampion: boolean;
  relationshipLevel: RelationshipLevel;
  reports: OrgChartNode[];
}

/** How well a level of the customer's organization is covered: its contacts, insiders and the closest relationship there. */
export interface LevelCoverage {
  level: ContactLevel;
  contacts: number;
  internalChampions: number;
  closestRelationship: RelationshipLevel | null;
}

export interface Customer360 {
  customerId: string;
  asOf: string;
  /** The customer view as of T; null when registered later. */
  customer: CustomerView | null;
  lifecycle: Omit<CustomerLifecycle, 'customerId' | 'asOf'>;
  tier: Omit<CustomerTier, 'customerId' | 'asOf'>;
  loyalty: Omit<CustomerLoyalty, 'customerId' | 'asOf'>;
  orgChart: OrgChartNode[];
  coverage: LevelCoverage[];
  lastInteraction: RegisteredCustomerView['interactions']['last'];
  /** The earliest visit planned for after T. */
  nextVisit: RegisteredCustomerView['interactions']['plannedVisits'][number] | null;
  openComplaints: BoardEntry[];
  care: CareItems;
  creditRating: RegisteredCustomerView['creditRating'];
  starRating: RegisteredCustomerView['starRating'];
  complianceViolations: number;
  competitorContacts: RegisteredCustomerView['competitorContacts'] | null;
}

export interface Customer360Request {
  customerId: string;
  asOf: string;
  days: number;
  timeZone: string;
}

/** Everything an account manager needs of one customer as of T, from the stream and every read model. */
export class Customer360Reads {
  constructor(
    private readonly views: CustomerViews,
    private readonly store: EventStore,
    private readonly reads: {
      lifecycle: LifecycleReads;
      value: ValueReads;
      loyalty: LoyaltyReads;
      complaints: ComplaintBoardReads;
      care: CareAgendaReads;
    },
  ) {}

  async customer({ customerId, asOf, days, timeZone }: Customer360Request): Promise<Customer360> {
    await knownCustomerVersion(this.views, customerId);
    // The parts side by side; the tier and the loyalty rank the customer among the same population, read once.
    const [{ view }, { customerId: _l, asOf: _la, ...lifecycle }, tierInputs, { open }] = await Promise.all([
      customerViewAsOf(this.store, customerId, { asOf }),
      this.reads.lifecycle.customer(customerId, asOf),
      this.reads.value.tierInputs(asOf),
      this.reads.complaints.board({ asOf, customerId }),
    ]);
    const registered = view !== null && view.status !== 'erased' ? view : null;
    const [{ customerId: _t, asOf: _ta, ...tier }, { customerId: _y, asOf: _ya, ...loyalty }] = await Promise.all([
      this.reads.value.customerTier(customerId, asOf, tierInputs),
      this.reads.loyalty.customer(customerId, asOf, tierInputs),
    ]);
    const contacts = registered?.contacts.filter((c) => c.removed === null) ?? [];
    const T = Date.parse(asOf);
    return {
      customerId,
      asOf,
      customer: view,
      lifecycle,
      tier,
      loyalty,
      orgChart: orgChart(contacts),
      coverage: coverage(contacts),
      lastInteraction: registered?.interactions.last ?? null,
      nextVisit: registered?.interactions.plannedVisits.find((p) => Date.parse(p.plannedFor) > T) ?? null,
      openComplaints: open,
      care: await this.reads.care.customer(customerId, tier.tier, { asOf, days, timeZone }),
      creditRating: registered?.creditRating ?? null,
      starRating: registered?.starRating ?? null,
      complianceViolations: registered?.complianceViolations ?? 0,
      competitorContacts: registered?.competitorContacts ?? null,
    };
  }
}

/** Contacts nested by `reportsTo`; one whose manager is not among them heads a tree of its own. */
function orgChart(contacts: readonly ContactView[]): OrgChartNode[] {
  const ids = new Set(contacts.map((c) => c.contactId));
  const node = (c: ContactView, above: ReadonlySet<string>): OrgChartNode => ({
    contactId: c.contactId,
    name: c.name,
    title: c.title,
    level: c.level,
    role: c.role,
    internalChampion: c.internalChampion,
    relationshipLevel: c.relationshipLevel,
    // `above` keeps a loop in the reporting lines from nesting forever.
    reports: contacts.filter((r) => r.reportsTo === c.contactId && !above.has(r.contactId)).map((r) => node(r, new Set([...above, r.contactId]))),
  });
  return contacts.filter((c) => c.reportsTo === null || !ids.has(c.reportsTo)).map((c) => node(c, new Set([c.contactId])));
}

function coverage(contacts: readonly ContactView[]): LevelCoverage[] {
  return contactLevels.map((level) => {
    const at = contacts.filter((c) => c.level === level);
    const closest = at.reduce<number>((best, c) => Math.max(best, relationshipLevels.indexOf(c.relationshipLevel)), -1);
    return { level, contacts: at.length, internalChampions: at.filter((c) => c.internalChampion).length, closestRelationship: closest < 0 ? null : relationshipLevels[closest] };
  });
}
