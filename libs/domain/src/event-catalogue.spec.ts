import { customerDecider } from './customer-decider';
import type { CustomerEvent } from './customer-stream';
import { customerEventTypes, erasesPersonalData, isCustomerEventType, personalFieldsOf } from './event-catalogue';
import type { Stamped } from './shared/decider';
import { foldView, fullHistory } from './testing/customer-history';
import type { ViewedEvent } from './view/customer-view';

/** The stream as it reads once its key is shredded: every personal field null. */
function asErased(event: ViewedEvent): ViewedEvent {
  const data: Record<string, unknown> = { ...(event.data as object) };
  for (const field of personalFieldsOf(event.type)) if (field in data) data[field] = null;
  return { ...event, data };
}

describe('the event catalogue', () => {
  it('lists every event type the deciders emit, each once', () => {
    const emitted = new Set(
      fullHistory()
        .at('2024-03-20T09:00:00.000Z', { type: 'EraseCustomer', data: { basis: 'data-subject-request' } })
        .events.map((event) => event.type),
    );
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
    for (const type of ['PurchaseRecorded', 'StarRated', 'CreditRated', 'AccountManagerAssigned', 'CustomerErased']) {
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
    const erased = fullHistory()
      .at('2024-03-20T09:00:00.000Z', { type: 'EraseCustomer', data: { basis: 'data-subject-request' } })
      .events.map(asErased);
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
