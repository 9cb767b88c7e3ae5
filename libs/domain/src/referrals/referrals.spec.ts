import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { customerId, registered } from '../testing/customer-fixtures';

describe('RecordReferral', () => {
  it('records the customer referred', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordReferral', data: { referredCustomerId: 'c-2', note: 'Sister store in Ningbo.' } })
      .then([{ type: 'ReferralMade', data: { referredCustomerId: 'c-2', note: 'Sister store in Ningbo.' } }]);
  });

  it('refuses a customer referring itself', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordReferral', data: { referredCustomerId: customerId } })
      .thenThrows(BusinessRuleViolation, { rule: 'referral.self_referral', path: 'referredCustomerId' });
  });

  it('counts a referred customer once', () => {
    given(customerDecider, [registered, { type: 'ReferralMade', data: { referredCustomerId: 'c-2' } }])
      .when({ type: 'RecordReferral', data: { referredCustomerId: 'c-2', note: 'Again.' } })
      .then([]);
  });

  it('needs the referred customer', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordReferral', data: { referredCustomerId: '' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'referredCustomerId' });
  });
});
