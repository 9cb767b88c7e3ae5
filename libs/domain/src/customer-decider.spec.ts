import { createCustomerDecider, customerDecider } from './customer-decider';
import type { CustomerCommand, CustomerEvent } from './customer-stream';
import { CustomerErasedError, CustomerNotRegistered } from './shared/errors';
import { defaultOccurredAt, given, stampedAt } from './shared/specification';
import { complaintFiled, contactAdded, customerId, purchaseRecorded, registered } from './testing/customer-fixtures';

const erased: CustomerEvent = { type: 'CustomerErased', data: { basis: 'data-subject-request' } };

const commands: CustomerCommand[] = [
  { type: 'UpdateProfileCard', data: { hobbies: ['go'] } },
  { type: 'AssignAccountManager', data: { managerId: 'am-li' } },
  { type: 'QualifyCustomer', data: {} },
  { type: 'AddContact', data: { contactId: 'p-1', name: 'Zhang Wei', level: 'executive', role: 'decision-maker' } },
  { type: 'EraseContact', data: { contactId: 'p-1', basis: 'data-subject-request' } },
  { type: 'RecordInteraction', data: { channel: 'call', direction: 'outbound', purpose: 'care', summary: 'Called.' } },
  { type: 'AcknowledgeComplaint', data: { complaintId: 'k-1' } },
  {
    type: 'RecordPurchase',
    data: { orderId: 'o-1', currency: 'CNY', lines: [{ sku: 'A', category: 'x', quantity: 1, unitPriceMinor: 1 }] },
  },
  { type: 'RecordReferral', data: { referredCustomerId: 'c-2' } },
  { type: 'EraseCustomer', data: { basis: 'data-subject-request' } },
];

describe('the customer stream', () => {
  describe('before registration', () => {
    it.each(commands.map((command) => [command.type, command]))(
      'accepts no %s: the customer is not registered',
      (_type, command) => {
        given(customerDecider, []).when(command).thenThrows(CustomerNotRegistered, { commandType: command.type });
      },
    );
  });

  describe('after erasure', () => {
    it.each(commands.map((command) => [command.type, command]))('accepts no %s', (_type, command) => {
      given(customerDecider, [registered, erased]).when(command).thenThrows(CustomerErasedError, { customerId });
    });

    it('accepts no new registration under the same id', () => {
      given(customerDecider, [registered, erased])
        .when({ type: 'RegisterCustomer', data: registered.data })
        .thenThrows(CustomerErasedError);
    });

    it('keeps nothing in state but the id', () => {
      const history: CustomerEvent[] = [
        registered,
        contactAdded('p-1'),
        complaintFiled('k-1'),
        purchaseRecorded('o-1'),
        erased,
      ];
      const state = history
        .map((event) => stampedAt(defaultOccurredAt, event))
        .reduce(customerDecider.evolve, customerDecider.initialState());
      expect(state).toStrictEqual({ status: 'erased', customerId });
    });
  });

  describe('a command of no known type', () => {
    it('is refused as a programming error', () => {
      const bogus = JSON.parse('{"type":"ShredEverything","data":{}}');
      const state = customerDecider.evolve(customerDecider.initialState(), stampedAt(defaultOccurredAt, registered));
      expect(() => customerDecider.decide(bogus, state, { occurredAt: defaultOccurredAt })).toThrow(
        new TypeError('Unknown command type ShredEverything.'),
      );
    });
  });

  describe('createCustomerDecider', () => {
    it('refuses an SLA that is not a positive number of hours', () => {
      expect(() => createCustomerDecider({ complaintSlaHours: { high: 0 } })).toThrow(RangeError);
      expect(() => createCustomerDecider({ complaintSlaHours: { low: Number.NaN } })).toThrow(RangeError);
    });
  });
});
