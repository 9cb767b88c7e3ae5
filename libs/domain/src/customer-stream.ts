/** All events of one customer live in one stream; these are its commands, events and folded state. */
import type { RecordChurn } from './churn/commands';
import type { CustomerChurned } from './churn/events';
import type { RecordCompetitorContact } from './competitor-contacts/commands';
import type { CompetitorContactObserved } from './competitor-contacts/events';
import type { ComplaintsState } from './complaints/complaints';
import type { ComplaintCommand } from './complaints/commands';
import type { ComplaintEvent } from './complaints/events';
import type { RecordComplianceViolation } from './compliance/commands';
import type { ComplianceViolationRecorded } from './compliance/events';
import type { ContactsState } from './contacts/contacts';
import type { ContactCommand } from './contacts/commands';
import type { ContactEvent } from './contacts/events';
import type { AccountState } from './customer/account';
import type { CustomerCardCommand, RegisterCustomer } from './customer/commands';
import type { CustomerCardEvent } from './customer/events';
import type { EraseCustomer } from './erasure/commands';
import type { CustomerErased } from './erasure/events';
import type { InteractionCommand } from './interactions/commands';
import type { InteractionEvent } from './interactions/events';
import type { EstablishPartnership } from './partnership/commands';
import type { PartnershipEstablished } from './partnership/events';
import type { PurchaseCommand } from './purchases/commands';
import type { PurchaseEvent } from './purchases/events';
import type { OrdersState } from './purchases/purchases';
import type { RatingCommand } from './ratings/commands';
import type { RatingEvent } from './ratings/events';
import type { RecordReferral } from './referrals/commands';
import type { ReferralMade } from './referrals/events';
import type { ReferralsState } from './referrals/referrals';

/** The customer account itself, after registration: its card, ratings, partnership, churn and erasure. */
export type AccountCommand = CustomerCardCommand | RatingCommand | EstablishPartnership | RecordChurn | EraseCustomer;
export type AccountEvent = CustomerCardEvent | RatingEvent | PartnershipEstablished | CustomerChurned | CustomerErased;

/** What is learnt of the customer in its market: whom it referred, competitors' approaches, compliance. */
export type MarketCommand = RecordReferral | RecordCompetitorContact | RecordComplianceViolation;
export type MarketEvent = ReferralMade | CompetitorContactObserved | ComplianceViolationRecorded;

export type CustomerCommand =
  | RegisterCustomer
  | AccountCommand
  | ContactCommand
  | InteractionCommand
  | ComplaintCommand
  | PurchaseCommand
  | MarketCommand;

export type CustomerEvent =
  | AccountEvent
  | ContactEvent
  | InteractionEvent
  | ComplaintEvent
  | PurchaseEvent
  | MarketEvent;

export interface UnregisteredCustomer {
  readonly status: 'unregistered';
}

/** Nothing of an erased customer is kept but its id. */
export interface ErasedCustomer {
  readonly status: 'erased';
  readonly customerId: string;
}

/** Only what the rules need; histories belong to the read models. */
export interface RegisteredCustomer {
  readonly status: 'registered';
  readonly customerId: string;
  readonly account: AccountState;
  readonly contacts: ContactsState;
  readonly complaints: ComplaintsState;
  readonly orders: OrdersState;
  readonly referrals: ReferralsState;
}

export type CustomerState = UnregisteredCustomer | RegisteredCustomer | ErasedCustomer;
