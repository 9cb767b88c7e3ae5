import { decideChurn, isChurnCommand } from './churn/churn';
import { decideCompetitorContacts, isCompetitorContactCommand } from './competitor-contacts/competitor-contacts';
import { decideComplaints, evolveComplaints, initialComplaints, isComplaintCommand } from './complaints/complaints';
import { complaintSlaPolicy, type ComplaintSlaHours } from './complaints/sla';
import { decideCompliance, isComplianceCommand } from './compliance/compliance';
import { decideContacts, evolveContacts, initialContacts, isContactCommand } from './contacts/contacts';
import { decideCustomerCard, decideRegistration, evolveAccount, initialAccount, isCustomerCardCommand } from './customer/account';
import type { CustomerCommand, CustomerEvent, CustomerState, RegisteredCustomer, UnregisteredCustomer } from './customer-stream';
import { decideErasure, isErasureCommand } from './erasure/erasure';
import { decideInteractions, isInteractionCommand } from './interactions/interactions';
import { decidePartnership, isPartnershipCommand } from './partnership/partnership';
import { decidePurchases, evolveOrders, initialOrders, isPurchaseCommand } from './purchases/purchases';
import { decideRatings, isRatingCommand } from './ratings/ratings';
import { decideReferrals, evolveReferrals, initialReferrals, isReferralCommand } from './referrals/referrals';
import type { Decider } from './shared/decider';
import { CustomerErasedError, CustomerNotRegistered } from './shared/errors';

export interface CustomerDeciderOptions {
  /** Hours until a complaint is due, per severity; unnamed severities keep the defaults. */
  complaintSlaHours?: Partial<ComplaintSlaHours>;
}

export type CustomerDecider = Decider<CustomerCommand, CustomerEvent, CustomerState>;

/** One decider for the customer's whole stream, composed of the concepts' slices. */
export function createCustomerDecider(options: CustomerDeciderOptions = {}): CustomerDecider {
  const sla = complaintSlaPolicy(options.complaintSlaHours);
  return {
    initialState: () => ({ status: 'unregistered' }),
    decide(command, state, context) {
      admitCustomerCommand(command, state);
      if (command.type === 'RegisterCustomer') return decideRegistration(command, state as UnregisteredCustomer | RegisteredCustomer);
      // Admitted, and not a registration: the customer is registered.
      const registered = state as RegisteredCustomer;
      if (isCustomerCardCommand(command)) return decideCustomerCard(command, registered);
      if (isRatingCommand(command)) return decideRatings(command, registered);
      if (isPartnershipCommand(command)) return decidePartnership(command, registered);
      if (isChurnCommand(command)) return decideChurn(command, registered);
      if (isErasureCommand(command)) return decideErasure(command);
      if (isContactCommand(command)) return decideContacts(command, registered);
      if (isInteractionCommand(command)) return decideInteractions(command, registered, context);
      if (isComplaintCommand(command)) return decideComplaints(command, registered, sla, context);
      if (isPurchaseCommand(command)) return decidePurchases(command, registered);
      if (isReferralCommand(command)) return decideReferrals(command, registered);
      if (isCompetitorContactCommand(command)) return decideCompetitorContacts(command, registered);
      if (isComplianceCommand(command)) return decideCompliance(command);
      return unknownCommand(command);
    },
    evolve(state, event) {
      switch (event.type) {
        case 'CustomerRegistered':
          return {
            status: 'registered',
            customerId: event.data.customerId,
            account: initialAccount(event),
            contacts: initialContacts,
            complaints: initialComplaints,
            orders: initialOrders,
            referrals: initialReferrals,
          };
        case 'CustomerErased':
          return state.status === 'registered' ? { status: 'erased', customerId: state.customerId } : state;
      }
      if (state.status !== 'registered') return state;
      // Spelled out rather than spread: the same shape every time keeps the fold fast.
      return {
        status: 'registered',
        customerId: state.customerId,
        account: evolveAccount(state.account, event),
        contacts: evolveContacts(state.contacts, event),
        complaints: evolveComplaints(state.complaints, event),
        orders: evolveOrders(state.orders, event),
        referrals: evolveReferrals(state.referrals, event),
      };
    },
  };
}

/**
 * Whether the customer takes the command at all, before any precondition or
 * rule: an erased customer takes nothing (410), an unregistered one only its
 * registration (404).
 */
export function admitCustomerCommand(command: CustomerCommand, state: CustomerState): void {
  if (state.status === 'erased') throw new CustomerErasedError(state.customerId);
  if (state.status === 'unregistered' && command.type !== 'RegisterCustomer') throw new CustomerNotRegistered(command.type);
}

/** With the default complaint SLA: critical 4 h, high 24 h, medium 72 h, low 168 h. */
export const customerDecider = createCustomerDecider();

/** Reached only by input that bypassed the types, e.g. a misrouted request. */
function unknownCommand(command: never): never {
  throw new TypeError(`Unknown command type ${String(Object(command).type)}.`);
}
