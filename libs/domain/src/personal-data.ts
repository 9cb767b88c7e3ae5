import type { CustomerEvent } from './customer-stream';

type PersonalFields = { [E in CustomerEvent as E['type']]: readonly (keyof E['data'] & string)[] };

/**
 * The fields of each event that are personal data: what names or describes a
 * person (the customer, a contact, family) and free text that may do so. They
 * are stored sealed with the customer's key and read as null once the
 * customer is erased. Every event type is listed, so a new one must be
 * classified before it compiles.
 */
const personalFields: PersonalFields = {
  CustomerRegistered: ['name'],
  ProfileCardUpdated: ['birthday', 'hobbies', 'family', 'socialGroups', 'preferences', 'anniversaries', 'contactDetails'],
  AccountManagerAssigned: [],
  CustomerQualified: ['reason'],
  CustomerDisqualified: ['reason'],
  TierOverridden: [],
  CreditRated: [],
  StarRated: [],
  PartnershipEstablished: [],
  CustomerChurned: ['note'],
  CustomerErased: [],
  ContactAdded: ['name', 'title', 'phone', 'email'],
  ContactUpdated: ['name', 'title', 'phone', 'email'],
  ContactRemoved: [],
  RelationshipLevelChanged: [],
  InteractionRecorded: ['summary', 'outcome'],
  VisitPlanned: ['agenda'],
  SurveyAnswered: ['comment'],
  ComplaintFiled: ['description'],
  ComplaintAcknowledged: [],
  ComplaintEscalated: ['reason'],
  ComplaintTransferred: ['reason'],
  ComplaintResolved: ['resolution'],
  ComplaintReopened: ['reason'],
  ComplaintClosed: [],
  PurchaseRecorded: [],
  PurchaseRefunded: ['reason'],
  ReferralMade: ['note'],
  CompetitorContactObserved: [],
  ComplianceViolationRecorded: ['description'],
};

const none: readonly string[] = [];

/** The personal fields of an event type (none for a type this domain does not know). */
export function personalFieldsOf(type: string): readonly string[] {
  return Object.hasOwn(personalFields, type) ? personalFields[type as keyof PersonalFields] : none;
}

/** Erasing a customer erases its personal data: every sealed field of its stream. */
export function erasesPersonalData(type: string): boolean {
  return type === 'CustomerErased';
}
