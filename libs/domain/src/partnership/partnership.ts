import type { AccountState } from '../customer/account';
import type { RegisteredCustomer } from '../customer-stream';
import { commandTypes } from '../shared/decider';
import { BusinessRuleViolation } from '../shared/errors';
import { optional } from '../shared/json';
import type { EstablishPartnership } from './commands';
import type { PartnershipEstablished } from './events';

export const isPartnershipCommand = commandTypes<EstablishPartnership>({ EstablishPartnership: true });

/** Reads qualification, partnership and churn from the account state; a churn ends the partnership there. */
export function decidePartnership(command: EstablishPartnership, state: RegisteredCustomer): PartnershipEstablished[] {
  requirePartnershipCandidate(state.account);
  return [{ type: 'PartnershipEstablished', data: { ...optional('agreementRef', command.data.agreementRef) } }];
}

function requirePartnershipCandidate(account: AccountState): void {
  if (account.partner) {
    throw new BusinessRuleViolation('partnership.already_established', 'The customer is a partner already.');
  }
  if (account.qualification !== 'qualified') {
    throw new BusinessRuleViolation(
      'partnership.requires_qualified_customer',
      'Only a qualified customer can become a partner.',
    );
  }
  if (account.churned) {
    throw new BusinessRuleViolation(
      'partnership.churned_customer',
      'A churned customer must be won back by a purchase before it can become a partner.',
    );
  }
}
