import { commandTypes } from '../shared/decider';
import { BusinessRuleViolation } from '../shared/errors';
import { optional } from '../shared/json';
import { requireCurrency, requireOneOf, requireText, requireWholeNumber } from '../shared/validation';
import { complianceViolationKinds, type Penalty, penaltyKinds, type RecordComplianceViolation } from './commands';
import type { ComplianceViolationRecorded } from './events';

/** A violation is a fact with no lifecycle: it needs no state. */
export const isComplianceCommand = commandTypes<RecordComplianceViolation>({ RecordComplianceViolation: true });

export function decideCompliance(command: RecordComplianceViolation): ComplianceViolationRecorded[] {
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
