import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation, NotFound } from '../shared/errors';
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

  it('needs the contact to be known', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordCompetitorContact', data: { competitor: '赛博数码', outcome: 'switched', contactId: 'p-9' } })
      .thenThrows(NotFound, { entity: 'contact', id: 'p-9', path: 'contactId' });
  });
});
