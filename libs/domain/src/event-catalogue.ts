/**
 * Every event type of the customer stream, once, with what the event store and the read
 * models must know of it. Keyed by the `CustomerEvent` union: a type added to the union does
 * not compile until it is classified here, and each name can be given only once.
 */
import type { CustomerEvent } from './customer-stream';

interface EventClassification<E extends CustomerEvent> {
  /**
   * The fields that are personal data: what names or describes a person (the customer, a
   * contact, family) and free text that may do so. They are stored sealed with the
   * customer's key and read as null once the customer is erased.
   */
  readonly personalFields: readonly (keyof E['data'] & string)[];
  /** Shreds the customer's key, and with it every sealed field of the stream. */
  readonly erasesPersonalData?: true;
}

type EventCatalogue = { readonly [E in CustomerEvent as E['type']]: EventClassification<E> };

const catalogue: EventCatalogue = {
  CustomerRegistered: { personalFields: ['name'] },
  ProfileCardUpdated: {
    personalFields: ['birthday', 'hobbies', 'family', 'socialGroups', 'preferences', 'anniversaries', 'contactDetails'],
  },
  AccountManagerAssigned: { personalFields: [] },
  CustomerQualified: { personalFields: ['reason'] },
  CustomerDisqualified: { personalFields: ['reason'] },
  TierOverridden: { personalFields: [] },
  CreditRated: { personalFields: [] },
  StarRated: { personalFields: [] },
  PartnershipEstablished: { personalFields: [] },
  CustomerChurned: { personalFields: ['note'] },
  CustomerErased: { personalFields: [], erasesPersonalData: true },
  ContactAdded: { personalFields: ['name', 'title', 'phone', 'email', 'birthday'] },
  ContactUpdated: { personalFields: ['name', 'title', 'phone', 'email', 'birthday'] },
  ContactRemoved: { personalFields: [] },
  RelationshipLevelChanged: { personalFields: [] },
  InteractionRecorded: { personalFields: ['summary', 'outcome'] },
  VisitPlanned: { personalFields: ['agenda'] },
  SurveyAnswered: { personalFields: ['comment'] },
  ComplaintFiled: { personalFields: ['description'] },
  ComplaintAcknowledged: { personalFields: [] },
  ComplaintEscalated: { personalFields: ['reason'] },
  ComplaintTransferred: { personalFields: ['reason'] },
  ComplaintResolved: { personalFields: ['resolution'] },
  ComplaintReopened: { personalFields: ['reason'] },
  ComplaintClosed: { personalFields: [] },
  PurchaseRecorded: { personalFields: [] },
  PurchaseRefunded: { personalFields: ['reason'] },
  ReferralMade: { personalFields: ['note'] },
  CompetitorContactObserved: { personalFields: [] },
  ComplianceViolationRecorded: { personalFields: ['description'] },
};

/** Every event type the deciders emit, in the catalogue's order: what a read model subscribes to. */
export const customerEventTypes: readonly CustomerEvent['type'][] = Object.freeze(
  Object.keys(catalogue) as CustomerEvent['type'][],
);

/** Whether this domain knows the type; Object.prototype's names are no event types. */
export function isCustomerEventType(type: string): type is CustomerEvent['type'] {
  return Object.hasOwn(catalogue, type);
}

const none: readonly string[] = [];

/** The personal fields of an event type (none for a type this domain does not know). */
export function personalFieldsOf(type: string): readonly string[] {
  return isCustomerEventType(type) ? catalogue[type].personalFields : none;
}

/** Whether an event of this type erases the customer's personal data: every sealed field of its stream. */
export function erasesPersonalData(type: string): boolean {
  return isCustomerEventType(type) && catalogue[type].erasesPersonalData === true;
}
