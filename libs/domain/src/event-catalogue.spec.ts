import { customerDecider } from './customer-decider';
import type { CustomerEvent } from './customer-stream';
import {
  contactFieldsOf,
  contactOfSubject,
  contactSubject,
  customerEventTypes,
  dataSubjectOf,
  erasedSubjectOf,
  erasesPersonalData,
  isCustomerEventType,
  personalFieldsOf,
} from './event-catalogue';
import type { Stamped } from './shared/decider';
import { foldView, fullHistory } from './testing/customer-history';
import type { ViewedEvent } from './view/customer-view';

/** The stream as it reads once its key is shredded: every personal field null. */
function asErased(event: ViewedEvent): ViewedEvent {
  const data: Record<string, unknown> = { ...(event.data as object) };
  for (const field of personalFieldsOf(event.type)) if (field in data) data[field] = null;
  return { ...event, data };
}

/** Every event type: the full history, a contact's erasure, then the customer's. */
const everyType = () =>
  fullHistory()
    .at('2024-03-19T09:00:00.000Z', { type: 'EraseContact', data: { contactId: 'ct-zhao', basis: 'data-subject-request' } })
    .at('2024-03-20T09:00:00.000Z', { type: 'EraseCustomer', data: { basis: 'data-subject-request' } });

describe('the event catalogue', () => {
  it('lists every event type the deciders emit, each once', () => {
    const emitted = new Set(everyType().events.map((event) => event.type));
    expect(new Set(customerEventTypes)).toStrictEqual(emitted);
    expect(customerEventTypes).toHaveLength(emitted.size);
    expect(Object.isFrozen(customerEventTypes)).toBe(true);
  });

  it('knows its own types, not others nor Object.prototype names', () => {
    expect(customerEventTypes.every(isCustomerEventType)).toBe(true);
    expect(isCustomerEventType('SomethingElse')).toBe(false);
    expect(isCustomerEventType('toString')).toBe(false);
  });
});

describe('personal data', () => {
  it('lists the fields that name or describe people, and nothing of amounts, ratings or ids', () => {
    expect(personalFieldsOf('CustomerRegistered')).toEqual(['name']);
    expect(personalFieldsOf('ContactAdded')).toEqual(['name', 'title', 'phone', 'email', 'birthday']);
    expect(personalFieldsOf('ContactUpdated')).toEqual(['name', 'title', 'phone', 'email', 'birthday']);
    expect(personalFieldsOf('ProfileCardUpdated')).toEqual(
      expect.arrayContaining(['birthday', 'hobbies', 'family', 'socialGroups', 'preferences', 'anniversaries', 'contactDetails']),
    );
    for (const type of ['PurchaseRecorded', 'StarRated', 'CreditRated', 'AccountManagerAssigned', 'CustomerErased', 'ContactErased']) {
      expect(personalFieldsOf(type)).toEqual([]);
    }
  });

  it('knows no personal fields of a type it does not know, nor of Object.prototype names', () => {
    expect(personalFieldsOf('SomethingElse')).toEqual([]);
    expect(personalFieldsOf('toString')).toEqual([]);
  });

  it('is erased by the erasure only', () => {
    expect(customerEventTypes.filter(erasesPersonalData)).toEqual(['CustomerErased']);
    expect(erasesPersonalData('SomethingElse')).toBe(false);
    expect(erasesPersonalData('toString')).toBe(false);
  });

  it('can be folded once erased: every event type with its personal fields null, then the erasure', () => {
    const erased = everyType().events.map(asErased);
    const types = new Set(erased.map((e) => e.type));
    expect(types.size).toBe(customerEventTypes.length);
    const state = erased.reduce(
      (s, event) => customerDecider.evolve(s, event as unknown as Stamped<CustomerEvent>),
      customerDecider.initialState(),
    );
    expect(state).toEqual({ status: 'erased', customerId: expect.any(String) });
    expect(foldView(erased)).toMatchObject({ status: 'erased', name: null, contacts: [] });
  });
});

describe("a contact's own personal data", () => {
  it("is what a contact's events say of the contact, sealed under the contact's own key", () => {
    const own = ['name', 'title', 'phone', 'email', 'birthday'];
    expect(dataSubjectOf('ContactAdded', { contactId: 'ct-li', name: '李经理' })).toEqual({ subject: 'contact:ct-li', fields: own });
    expect(dataSubjectOf('ContactUpdated', { contactId: 'ct-li', phone: '0571' })).toEqual({ subject: 'contact:ct-li', fields: own });
    expect(contactFieldsOf('ContactAdded')).toEqual(own);
    for (const type of ['CustomerRegistered', 'InteractionRecorded', 'ComplaintFiled', 'ContactRemoved', 'SomethingElse', 'toString']) {
      expect(dataSubjectOf(type, { contactId: 'ct-li' })).toBeUndefined();
      expect(contactFieldsOf(type)).toEqual([]);
    }
  });

  it('names no subject when the event names no contact', () => {
    expect(dataSubjectOf('ContactAdded', {})).toBeUndefined();
    expect(dataSubjectOf('ContactAdded', { contactId: '' })).toBeUndefined();
    expect(dataSubjectOf('ContactAdded', { contactId: 7 })).toBeUndefined();
  });

  it("is among the event's personal fields, for every type", () => {
    for (const type of customerEventTypes) {
      const subject = dataSubjectOf(type, { contactId: 'ct-1' });
      for (const field of subject?.fields ?? []) expect({ type, field, personal: personalFieldsOf(type).includes(field) }).toEqual({ type, field, personal: true });
    }
  });

  it("is erased by the contact's erasure alone, which names the contact", () => {
    expect(erasedSubjectOf('ContactErased', { contactId: 'ct-li', basis: 'data-subject-request' })).toBe('contact:ct-li');
    expect(customerEventTypes.filter((type) => erasedSubjectOf(type, { contactId: 'ct-li' }) !== undefined)).toEqual(['ContactErased']);
    expect(erasedSubjectOf('toString', { contactId: 'ct-li' })).toBeUndefined();
  });

  it('names a contact as a subject and back', () => {
    expect(contactSubject('ct-li')).toBe('contact:ct-li');
    expect(contactOfSubject(contactSubject('ct:li'))).toBe('ct:li');
    expect(contactOfSubject('family:1')).toBeUndefined();
  });
});
