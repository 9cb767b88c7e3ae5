import { requireActiveContact } from '../contacts/contacts';
import type { CustomerEvent, RegisteredCustomer } from '../customer-stream';
import { commandTypes } from '../shared/decider';
import { BusinessRuleViolation } from '../shared/errors';
import { optional } from '../shared/json';
import { emptyKeyed, getKeyed, type Keyed, setKeyed } from '../shared/keyed';
import { requireCurrency, requireOneOf, requireText, requireWholeNumber } from '../shared/validation';
import {
  competitorContactOutcomes,
  complianceViolationKinds,
  type MarketCommand,
  type Penalty,
  penaltyKinds,
} from './commands';
import type { MarketEvent } from './events';

/** The customers this one has referred. */
export type ReferralsState = Keyed<true>;

export const initialReferrals: ReferralsState = emptyKeyed();

export const isMarketCommand = commandTypes<MarketCommand>({
  RecordReferral: true,
  RecordCompetitorContact: true,
  RecordComplianceViolation: true,
});

export function decideMarket(command: MarketCommand, state: RegisteredCustomer): MarketEvent[] {
  switch (command.type) {
    case 'RecordReferral': {
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
    case 'RecordCompetitorContact': {
      const { competitor, offer, outcome, contactId } = command.data;
      requireText(competitor, 'competitor');
      requireOneOf(competitorContactOutcomes, outcome, 'outcome');
      if (contactId !== undefined) requireActiveContact(state, contactId, 'contactId');
      return [
        {
          type: 'CompetitorContactObserved',
          data: { competitor, ...optional('offer', offer), outcome, ...optional('contactId', contactId) },
        },
      ];
    }
    case 'RecordComplianceViolation': {
      const { kind, description, penalty } = command.data;
      requireOneOf(complianceViolationKinds, kind, 'kind');
      requireText(description, 'description');
      return [
        {
          type: 'ComplianceViolationRecorded',
          data: { kind, description, ...optional('penalty', penalty && checkedPenalty(penalty)) },
        },
      ];
    }
  }
}

function checkedPenalty(penalty: Penalty): Penalty {
  const { kind, amountMinor, currency, days } = penalty;
  requireOneOf(penaltyKinds, kind, 'penalty.kind');
  const moneyFields = [amountMinor, currency].filter((field) => field !== undefined).length;
  if (moneyFields !== (kind === 'fine' ? 2 : 0)) {
    throw new BusinessRuleViolation(
      'compliance.penalty_amount',
      'A fine needs an amount and a currency; other penalties have neither.',
      'penalty.amountMinor',
    );
  }
  if ((kind === 'supply-suspension') !== (days !== undefined)) {
    throw new BusinessRuleViolation(
      'compliance.penalty_days',
      'A supply suspension needs its length in days; other penalties have none.',
      'penalty.days',
    );
  }
  if (amountMinor !== undefined) requireWholeNumber(amountMinor, 'penalty.amountMinor', { min: 1 });
  if (currency !== undefined) requireCurrency(currency, 'penalty.currency');
  if (days !== undefined) requireWholeNumber(days, 'penalty.days', { min: 1 });
  return {
    kind,
    ...optional('amountMinor', amountMinor),
    ...optional('currency', currency),
    ...optional('days', days),
  };
}

export function evolveReferrals(referrals: ReferralsState, event: CustomerEvent): ReferralsState {
  return event.type === 'ReferralMade' ? setKeyed(referrals, event.data.referredCustomerId, true) : referrals;
}
