import { requireNamedContact } from '../contacts/contacts';
import type { RegisteredCustomer } from '../customer-stream';
import { commandTypes } from '../shared/decider';
import { optional } from '../shared/json';
import { requireOneOf, requireText } from '../shared/validation';
import { competitorContactOutcomes, type RecordCompetitorContact } from './commands';
import type { CompetitorContactObserved } from './events';

/** A competitor's approach is a fact with no lifecycle: it needs no state but the contacts it names. */
export const isCompetitorContactCommand = commandTypes<RecordCompetitorContact>({ RecordCompetitorContact: true });

export function decideCompetitorContacts(
  command: RecordCompetitorContact,
  state: RegisteredCustomer,
): CompetitorContactObserved[] {
  const { competitor, offer, outcome, contactId } = command.data;
  requireText(competitor, 'competitor');
  requireOneOf(competitorContactOutcomes, outcome, 'outcome');
  if (contactId !== undefined) requireNamedContact(state, contactId, 'contactId');
  return [
    {
      type: 'CompetitorContactObserved',
      data: { competitor, ...optional('offer', offer), outcome, ...optional('contactId', contactId) },
    },
  ];
}
