/**
 * Every event type of the customer stream, once, with what the event store and the read
 * models must know of it. Keyed by the `CustomerEvent` union: a type added to the union does
 * not compile until it is classified here, and each name can be given only once.
 */
import type { CustomerEvent } from './customer-stream';

type FieldOf<E extends CustomerEvent> = keyof E['data'] & string;

/** The kinds of people, beside the customer, whose personal data a customer's stream holds. */
export type DataSubjectKind = 'contact';

/** A person other than the customer, named by a field of the event's data (a contact person by `contactId`). */
interface SubjectReference<E extends CustomerEvent> {
  readonly kind: DataSubjectKind;
  readonly idField: FieldOf<E>;
}

interface EventClassification<E extends CustomerEvent> {
  /**
   * The fields that are personal data: what names or describes a person (the customer, a
   * contact, family) and free text that may do so. They are stored sealed with the
   * customer's key and read as null once the customer is erased.
   */
  readonly personalFields: readonly FieldOf<E>[];
  /**
   * Of the personal fields, those that are another data subject's own (a contact's name,
   * phone...): sealed under that subject's key rather than the customer's, so that the
   * subject's own erasure shreds them alone. The customer's erasure shreds them too.
   */
  readonly subject?: SubjectReference<E> & { readonly fields: readonly FieldOf<E>[] };
  /** Shreds the customer's key, and with it every sealed field of the stream. */
  readonly erasesPersonalData?: true;
  /** Shreds the key of the subject it names: that subject's own fields, in every event of the stream. */
  readonly erasesSubject?: SubjectReference<E>;
}

type EventCatalogue = { readonly [E in CustomerEvent as E['type']]: EventClassification<E> };

const contactsOwn = ['name', 'title', 'phone', 'email', 'birthday'] as const;

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
  ContactAdded: { personalFields: contactsOwn, subject: { kind: 'contact', idField: 'contactId', fields: contactsOwn } },
  ContactUpdated: { personalFields: contactsOwn, subject: { kind: 'contact', idField: 'contactId', fields: contactsOwn } },
  ContactRemoved: { personalFields: [] },
  ContactErased: { personalFields: [], erasesSubject: { kind: 'contact', idField: 'contactId' } },
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

/**
 * How a data subject is named to the event store: `contact:<contactId>`. The store keeps one key
 * per stream and subject and treats the name as opaque.
 */
export function contactSubject(contactId: string): string {
  return subjectName('contact', contactId);
}

function subjectName(kind: DataSubjectKind, id: string): string {
  return `${kind}:${id}`;
}

/** The contact a subject name stands for; undefined for any other name. */
export function contactOfSubject(subject: string): string | undefined {
  return subject.startsWith('contact:') ? subject.slice('contact:'.length) : undefined;
}

type EventData = Readonly<Record<string, unknown>>;

function subjectNamed(reference: SubjectReference<CustomerEvent>, data: EventData): string | undefined {
  const id = data[reference.idField];
  return typeof id === 'string' && id !== '' ? subjectName(reference.kind, id) : undefined;
}

/** The data subject (other than the customer) whose own personal fields an event carries, and which fields those are. */
export function dataSubjectOf(type: string, data: EventData): { subject: string; fields: readonly string[] } | undefined {
  const subject = isCustomerEventType(type) ? (catalogue[type] as EventClassification<CustomerEvent>).subject : undefined;
  const named = subject && subjectNamed(subject, data);
  return named === undefined ? undefined : { subject: named, fields: subject!.fields };
}

/** The data subject whose key an event of this type shreds (a contact's erasure); undefined for any other event. */
export function erasedSubjectOf(type: string, data: EventData): string | undefined {
  const erases = isCustomerEventType(type) ? (catalogue[type] as EventClassification<CustomerEvent>).erasesSubject : undefined;
  return erases && subjectNamed(erases, data);
}

/** The personal fields of an event type that are the own of the contact its `contactId` names: what a contact's erasure nulls. */
export function contactFieldsOf(type: string): readonly string[] {
  const subject = isCustomerEventType(type) ? (catalogue[type] as EventClassification<CustomerEvent>).subject : undefined;
  return subject?.kind === 'contact' && subject.idField === 'contactId' ? subject.fields : none;
}
