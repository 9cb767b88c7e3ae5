import { requireNamedContact } from '../contacts/contacts';
import type { RegisteredCustomer } from '../customer-stream';
import { commandTypes, type DecisionContext } from '../shared/decider';
import { BusinessRuleViolation } from '../shared/errors';
import { optional } from '../shared/json';
import { requireInstant, requireOneOf, requireText, requireWholeNumber, toInstant } from '../shared/validation';
import {
  type InteractionCommand,
  interactionChannels,
  interactionDirections,
  interactionPurposes,
} from './commands';
import type { InteractionEvent } from './events';

/** Interactions, visits and surveys are facts with no lifecycle: they need no state. */
export const isInteractionCommand = commandTypes<InteractionCommand>({
  RecordInteraction: true,
  PlanVisit: true,
  RecordSurveyAnswer: true,
});

export function decideInteractions(
  command: InteractionCommand,
  state: RegisteredCustomer,
  context: DecisionContext,
): InteractionEvent[] {
  const { contactId } = command.data;
  if (contactId !== undefined) requireNamedContact(state, contactId, 'contactId');
  switch (command.type) {
    case 'RecordInteraction': {
      const { channel, direction, purpose, summary, outcome } = command.data;
      requireOneOf(interactionChannels, channel, 'channel');
      requireOneOf(interactionDirections, direction, 'direction');
      requireOneOf(interactionPurposes, purpose, 'purpose');
      requireText(summary, 'summary');
      return [
        {
          type: 'InteractionRecorded',
          data: {
            channel,
            direction,
            purpose,
            summary,
            ...optional('contactId', contactId),
            ...optional('outcome', outcome),
          },
        },
      ];
    }
    case 'PlanVisit': {
      const { purpose, agenda } = command.data;
      requireOneOf(interactionPurposes, purpose, 'purpose');
      const plannedFor = requireInstant(command.data.plannedFor, 'plannedFor');
      if (plannedFor < requireInstant(context.occurredAt, 'occurredAt')) {
        throw new BusinessRuleViolation(
          'visit.planned_in_past',
          'A visit cannot be planned for an instant before the plan is made.',
          'plannedFor',
        );
      }
      return [
        {
          type: 'VisitPlanned',
          data: {
            plannedFor: toInstant(plannedFor),
            purpose,
            ...optional('contactId', contactId),
            ...optional('agenda', agenda),
          },
        },
      ];
    }
    case 'RecordSurveyAnswer': {
      const { satisfaction, nps, comment } = command.data;
      if (satisfaction === undefined && nps === undefined) {
        throw new BusinessRuleViolation('survey.empty', 'A survey answer needs a satisfaction score, an NPS, or both.');
      }
      if (satisfaction !== undefined) requireWholeNumber(satisfaction, 'satisfaction', { min: 1, max: 5 });
      if (nps !== undefined) requireWholeNumber(nps, 'nps', { min: 0, max: 10 });
      return [
        {
          type: 'SurveyAnswered',
          data: {
            ...optional('satisfaction', satisfaction),
            ...optional('nps', nps),
            ...optional('comment', comment),
            ...optional('contactId', contactId),
          },
        },
      ];
    }
  }
}
