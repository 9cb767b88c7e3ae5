import { customerDecider } from '../customer-decider';
import type { CustomerEvent } from '../customer-stream';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { contactAdded, registered, untrusted } from '../testing/customer-fixtures';
import type { Interaction, PlanVisit } from './commands';

const history: CustomerEvent[] = [
  registered,
  contactAdded('p-ceo'),
  contactAdded('p-old'),
  { type: 'ContactRemoved', data: { contactId: 'p-old', reason: 'left-company' } },
];

const birthdayCall: Interaction = {
  channel: 'call',
  direction: 'outbound',
  purpose: 'birthday',
  summary: 'Birthday wishes; asked about the new store.',
  contactId: 'p-ceo',
  outcome: 'Invited us to the opening.',
};

describe('RecordInteraction', () => {
  it('records an interaction', () => {
    given(customerDecider, history)
      .when({ type: 'RecordInteraction', data: birthdayCall })
      .then([{ type: 'InteractionRecorded', data: birthdayCall }]);
  });

  it.each([
    ['channel', { channel: untrusted<'call'>('telegram') }],
    ['direction', { direction: untrusted<'inbound'>('sideways') }],
    ['purpose', { purpose: untrusted<'care'>('gossip') }],
  ])('accepts only known values of %s', (path, change) => {
    given(customerDecider, history)
      .when({ type: 'RecordInteraction', data: { ...birthdayCall, ...change } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path });
  });

  it('needs a summary', () => {
    given(customerDecider, history)
      .when({ type: 'RecordInteraction', data: { ...birthdayCall, summary: ' ' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'summary' });
  });

  it('needs the contact to be known and not removed', () => {
    given(customerDecider, history)
      .when({ type: 'RecordInteraction', data: { ...birthdayCall, contactId: 'p-ghost' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.unknown', path: 'contactId' });
    given(customerDecider, history)
      .when({ type: 'RecordInteraction', data: { ...birthdayCall, contactId: 'p-old' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed', path: 'contactId' });
  });
});

describe('PlanVisit', () => {
  const salesVisit: PlanVisit['data'] = { plannedFor: '2024-09-14T10:00:00Z', purpose: 'sales' };
  const planning = { occurredAt: '2024-09-01T00:00:00Z' };

  it('plans a visit, its instant normalised to UTC', () => {
    given(customerDecider, history)
      .when({
        type: 'PlanVisit',
        data: {
          plannedFor: '2024-09-14T10:00:00+08:00',
          purpose: 'holiday',
          contactId: 'p-ceo',
          agenda: 'Mid-autumn mooncakes.',
        },
      }, { occurredAt: '2024-09-01T08:00:00Z' })
      .then([
        {
          type: 'VisitPlanned',
          data: {
            plannedFor: '2024-09-14T02:00:00.000Z',
            purpose: 'holiday',
            contactId: 'p-ceo',
            agenda: 'Mid-autumn mooncakes.',
          },
        },
      ]);
  });

  it('refuses a visit planned for before the planning', () => {
    given(customerDecider, history)
      .when({ type: 'PlanVisit', data: { ...salesVisit, plannedFor: '2024-08-31T23:59:59Z' } }, planning)
      .thenThrows(BusinessRuleViolation, { rule: 'visit.planned_in_past', path: 'plannedFor' });
  });

  it('plans a visit for the very instant of the planning, in any time zone', () => {
    given(customerDecider, history)
      .when({ type: 'PlanVisit', data: { ...salesVisit, plannedFor: '2024-09-01T08:00:00+08:00' } }, planning)
      .then([{ type: 'VisitPlanned', data: { plannedFor: '2024-09-01T00:00:00.000Z', purpose: 'sales' } }]);
  });

  it('needs instants with a time zone', () => {
    given(customerDecider, history)
      .when({ type: 'PlanVisit', data: { ...salesVisit, plannedFor: '2024-09-14 10:00' } }, planning)
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_an_instant', path: 'plannedFor' });
    given(customerDecider, history)
      .when({ type: 'PlanVisit', data: salesVisit }, { occurredAt: '2024-09-01 00:00' })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_an_instant', path: 'occurredAt' });
  });

  it('needs the contact to be known and not removed', () => {
    given(customerDecider, history)
      .when({ type: 'PlanVisit', data: { ...salesVisit, contactId: 'p-ghost' } }, planning)
      .thenThrows(BusinessRuleViolation, { rule: 'contact.unknown', path: 'contactId' });
    given(customerDecider, history)
      .when({ type: 'PlanVisit', data: { ...salesVisit, contactId: 'p-old' } }, planning)
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed', path: 'contactId' });
  });
});

describe('RecordSurveyAnswer', () => {
  it('records satisfaction and NPS', () => {
    given(customerDecider, history)
      .when({ type: 'RecordSurveyAnswer', data: { satisfaction: 4, nps: 9, comment: 'Fast.', contactId: 'p-ceo' } })
      .then([{ type: 'SurveyAnswered', data: { satisfaction: 4, nps: 9, comment: 'Fast.', contactId: 'p-ceo' } }]);
  });

  it('records either score alone', () => {
    given(customerDecider, history)
      .when({ type: 'RecordSurveyAnswer', data: { nps: 0 } })
      .then([{ type: 'SurveyAnswered', data: { nps: 0 } }]);
  });

  it('needs at least one score', () => {
    given(customerDecider, history)
      .when({ type: 'RecordSurveyAnswer', data: { comment: 'No comment.' } })
      .thenThrows(BusinessRuleViolation, { rule: 'survey.empty' });
  });

  it.each([0, 6, 4.5])('accepts satisfaction only as a whole number from 1 to 5, not %p', (satisfaction) => {
    given(customerDecider, history)
      .when({ type: 'RecordSurveyAnswer', data: { satisfaction } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'satisfaction' });
  });

  it('needs the contact to be known and not removed', () => {
    given(customerDecider, history)
      .when({ type: 'RecordSurveyAnswer', data: { nps: 9, contactId: 'p-ghost' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.unknown', path: 'contactId' });
    given(customerDecider, history)
      .when({ type: 'RecordSurveyAnswer', data: { nps: 9, contactId: 'p-old' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed', path: 'contactId' });
  });

  it.each([-1, 11, 7.5])('accepts NPS only as a whole number from 0 to 10, not %p', (nps) => {
    given(customerDecider, history)
      .when({ type: 'RecordSurveyAnswer', data: { nps } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'nps' });
  });
});
