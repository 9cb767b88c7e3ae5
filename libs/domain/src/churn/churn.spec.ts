import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { churned, partnered, purchaseRecorded, qualified, registered, untrusted } from '../testing/customer-fixtures';

describe('RecordChurn', () => {
  it('records the reason and the competitor that won the customer', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordChurn', data: { reason: 'competitor', competitor: '百脑汇', note: 'Lower rent.' } })
      .then([{ type: 'CustomerChurned', data: { reason: 'competitor', competitor: '百脑汇', note: 'Lower rent.' } }]);
  });

  it('needs the competitor when the customer went to one', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordChurn', data: { reason: 'competitor' } })
      .thenThrows(BusinessRuleViolation, { rule: 'churn.competitor_required', path: 'competitor' });
  });

  it('accepts only known reasons', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordChurn', data: { reason: untrusted('bored') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'reason' });
  });

  it('refuses a customer churned already', () => {
    given(customerDecider, [registered, churned])
      .when({ type: 'RecordChurn', data: { reason: 'price' } })
      .thenThrows(BusinessRuleViolation, { rule: 'churn.already_churned' });
  });

  it('accepts a new churn after a purchase won the customer back', () => {
    given(customerDecider, [registered, churned, purchaseRecorded('o-1')])
      .when({ type: 'RecordChurn', data: { reason: 'price' } })
      .then([{ type: 'CustomerChurned', data: { reason: 'price' } }]);
  });

  it('ends a partnership', () => {
    given(customerDecider, [registered, qualified, partnered, churned, purchaseRecorded('o-1')])
      .when({ type: 'EstablishPartnership', data: {} })
      .then([partnered]);
  });
});
