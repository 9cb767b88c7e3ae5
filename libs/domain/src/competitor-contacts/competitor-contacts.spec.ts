import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { contactAdded, registered, untrusted } from '../testing/customer-fixtures';

describe('RecordCompetitorContact', () => {
  it('records who approached whom with what, and how the customer responded', () => {
    given(customerDecider, [registered, contactAdded('p-1')])
      .when({
        type: 'RecordCompetitorContact',
        data: { competitor: '赛博数码', offer: 'Three months rent-free.', outcome: 'resisted', contactId: 'p-1' },
      })
      .then([
        {
          type: 'CompetitorContactObserved',
          data: { competitor: '赛博数码', offer: 'Three months rent-free.', outcome: 'resisted', contactId: 'p-1' },
        },
      ]);
  });

  it('accepts only resisted, partially-switched or switched', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordCompetitorContact', data: { competitor: '赛博数码', outcome: untrusted('undecided') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'outcome' });
  });

  it('needs the competitor', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordCompetitorContact', data: { competitor: ' ', outcome: 'switched' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'competitor' });
  });

  it('needs the contact to be known and not removed', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordCompetitorContact', data: { competitor: '赛博数码', outcome: 'switched', contactId: 'p-9' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.unknown', path: 'contactId' });
    given(customerDecider, [
      registered,
      contactAdded('p-1'),
      { type: 'ContactRemoved', data: { contactId: 'p-1', reason: 'left-company' } },
    ])
      .when({ type: 'RecordCompetitorContact', data: { competitor: '赛博数码', outcome: 'switched', contactId: 'p-1' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed', path: 'contactId' });
  });
});
