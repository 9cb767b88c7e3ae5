import type { RegisteredCustomer } from '../customer-stream';
import { commandTypes } from '../shared/decider';
import { BusinessRuleViolation } from '../shared/errors';
import { optional } from '../shared/json';
import { requireOneOf, requireText } from '../shared/validation';
import { churnReasons, type RecordChurn } from './commands';
import type { CustomerChurned } from './events';

export const isChurnCommand = commandTypes<RecordChurn>({ RecordChurn: true });

/** Whether the customer has churned is kept in the account state, until a purchase wins it back. */
export function decideChurn(command: RecordChurn, state: RegisteredCustomer): CustomerChurned[] {
  const { data } = command;
  if (state.account.churned) {
    throw new BusinessRuleViolation('churn.already_churned', 'The customer has churned already and not been won back.');
  }
  requireOneOf(churnReasons, data.reason, 'reason');
  if (data.competitor !== undefined) requireText(data.competitor, 'competitor');
  if (data.reason === 'competitor' && data.competitor === undefined) {
    throw new BusinessRuleViolation(
      'churn.competitor_required',
      'A customer lost to a competitor needs the competitor named.',
      'competitor',
    );
  }
  return [
    {
      type: 'CustomerChurned',
      data: { reason: data.reason, ...optional('competitor', data.competitor), ...optional('note', data.note) },
    },
  ];
}
