import type { CustomerEvent, RegisteredCustomer } from '../customer-stream';
import { commandTypes } from '../shared/decider';
import { BusinessRuleViolation } from '../shared/errors';
import { optional } from '../shared/json';
import { emptyKeyed, getKeyed, type Keyed, setKeyed } from '../shared/keyed';
import { requireText } from '../shared/validation';
import type { RecordReferral } from './commands';
import type { ReferralMade } from './events';

/** The customers this one has referred. */
export type ReferralsState = Keyed<true>;

export const initialReferrals: ReferralsState = emptyKeyed();

export const isReferralCommand = commandTypes<RecordReferral>({ RecordReferral: true });

export function decideReferrals(command: RecordReferral, state: RegisteredCustomer): ReferralMade[] {
  const { referredCustomerId, note } = command.data;
  requireText(referredCustomerId, 'referredCustomerId');
  if (referredCustomerId === state.customerId) {
    throw new BusinessRuleViolation(
      'referral.self_referral',
      'A customer cannot refer itself.',
      'referredCustomerId',
    );
  }
  if (getKeyed(state.referrals, referredCustomerId)) return [];
  return [{ type: 'ReferralMade', data: { referredCustomerId, ...optional('note', note) } }];
}

export function evolveReferrals(referrals: ReferralsState, event: CustomerEvent): ReferralsState {
  return event.type === 'ReferralMade' ? setKeyed(referrals, event.data.referredCustomerId, true) : referrals;
}
