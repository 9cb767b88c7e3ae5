/**
 * The customer as a person wants to see it (`GET /v1/customers/:id`, and the auditor's `state`).
 * Plain JSON with a fixed shape: every key is always present, unknown or absent things are
 * `null`, and keys keep the order written here.
 */
import type { RelationshipLevel } from '../contacts/commands';
import type { CustomerKind, Ownership } from '../customer/commands';
import type { ErasureBasis } from '../erasure/commands';
import type {
  AccountManagerView,
  ChurnView,
  CreditRatingView,
  PartnershipView,
  ProfileCardView,
  QualificationView,
  StarRatingView,
  TierOverrideView,
} from './account-view';
import type { ComplaintsView } from './complaints-view';
import type { ContactView } from './contacts-view';
import type { InteractionsView, SurveysView } from './interactions-view';
import type { CompetitorContactsView } from './market-view';
import type { PurchasesView } from './purchases-view';

/**
 * What the view reads of a stored event; the event store's `RecordedEvent` fits. The recording
 * time is not read: the same events give the same view whichever way the stream was cut.
 */
export interface ViewedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly streamVersion: number;
  /** `occurredAt` is business time; every `at` and `since` in the view is one. */
  readonly metadata: { readonly occurredAt: string };
}

/** Disqualified is shown before churned: it is our verdict, whether or not the customer still buys. */
export type CustomerStatus = 'active' | 'disqualified' | 'churned' | 'erased';

export type CustomerView = RegisteredCustomerView | ErasedCustomerView;

export interface RegisteredCustomerView {
  readonly customerId: string;
  readonly status: Exclude<CustomerStatus, 'erased'>;
  readonly kind: CustomerKind;
  /** Personal data (here and in contacts and the profile card) reads as null once erased from a stored event. */
  readonly name: string | null;
  readonly industry: string | null;
  readonly ownership: Ownership | null;
  readonly region: string | null;
  readonly source: string | null;
  readonly registeredAt: string;
  readonly profileCard: ProfileCardView;
  readonly accountManager: AccountManagerView;
  readonly qualification: QualificationView;
  readonly tierOverride: TierOverrideView | null;
  readonly creditRating: CreditRatingView | null;
  readonly starRating: StarRatingView | null;
  readonly partnership: PartnershipView | null;
  readonly churn: ChurnView | null;
  /** With the customer itself; each contact has its own. */
  readonly relationshipLevel: RelationshipLevel;
  /** In the order added; removed ones stay, marked `removed`. */
  readonly contacts: readonly ContactView[];
  readonly complaints: ComplaintsView;
  readonly purchases: PurchasesView;
  readonly interactions: InteractionsView;
  readonly surveys: SurveysView;
  readonly referralsMade: number;
  readonly competitorContacts: CompetitorContactsView;
  readonly complianceViolations: number;
  readonly erasure: null;
  /** The latest business time among the events folded: the view's own "now". */
  readonly lastEventAt: string;
  /** Version of the last event folded. */
  readonly streamVersion: number;
}

/** Same keys as a registered customer's; only the erasure and counts remain. */
export interface ErasedCustomerView {
  readonly customerId: string;
  readonly status: 'erased';
  readonly kind: null;
  readonly name: null;
  readonly industry: null;
  readonly ownership: null;
  readonly region: null;
  readonly source: null;
  readonly registeredAt: null;
  readonly profileCard: null;
  readonly accountManager: null;
  readonly qualification: null;
  readonly tierOverride: null;
  readonly creditRating: null;
  readonly starRating: null;
  readonly partnership: null;
  readonly churn: null;
  readonly relationshipLevel: null;
  readonly contacts: readonly [];
  readonly complaints: {
    readonly openCount: number;
    readonly resolvedCount: number;
    readonly closedCount: number;
    readonly items: readonly [];
  };
  readonly purchases: {
    readonly orderCount: number;
    readonly totals: null;
    readonly firstPurchaseAt: null;
    readonly lastPurchaseAt: null;
  };
  readonly interactions: { readonly count: number; readonly last: null; readonly plannedVisits: readonly [] };
  readonly surveys: { readonly count: number; readonly lastSatisfaction: null; readonly lastNps: null };
  readonly referralsMade: number;
  readonly competitorContacts: { readonly count: number; readonly last: null };
  readonly complianceViolations: number;
  readonly erasure: { readonly at: string; readonly basis: ErasureBasis };
  readonly lastEventAt: string;
  readonly streamVersion: number;
}
