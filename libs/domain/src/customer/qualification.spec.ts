import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { churned, disqualified, partnered, qualified, registered } from '../testing/customer-fixtures';

describe('QualifyCustomer', () => {
  it('qualifies a registered customer', () => {
    given(customerDecider, [registered])
      .when({ type: 'QualifyCustomer', data: { reason: 'Budget approved for 200 notebooks.' } })
      .then([{ type: 'CustomerQualified', data: { requalified: false, reason: 'Budget approved for 200 notebooks.' } }]);
  });

  it('refuses a customer qualified already', () => {
    given(customerDecider, [registered, qualified])
      .when({ type: 'QualifyCustomer', data: {} })
      .thenThrows(BusinessRuleViolation, { rule: 'qualification.already_qualified' });
  });

  it('requalifies a disqualified customer only with a reason', () => {
    given(customerDecider, [registered, disqualified])
      .when({ type: 'QualifyCustomer', data: {} })
      .thenThrows(BusinessRuleViolation, { rule: 'qualification.requalification_reason_required', path: 'reason' });
    given(customerDecider, [registered, disqualified])
      .when({ type: 'QualifyCustomer', data: { reason: ' ' } })
      .thenThrows(BusinessRuleViolation, { rule: 'qualification.requalification_reason_required', path: 'reason' });
  });

  it('marks a requalification as such', () => {
    given(customerDecider, [registered, qualified, disqualified])
      .when({ type: 'QualifyCustomer', data: { reason: 'New purchasing director.' } })
      .then([{ type: 'CustomerQualified', data: { requalified: true, reason: 'New purchasing director.' } }]);
  });
});

describe('DisqualifyCustomer', () => {
  it('disqualifies with a reason', () => {
    given(customerDecider, [registered, qualified])
      .when({ type: 'DisqualifyCustomer', data: { reason: 'No budget, no need.' } })
      .then([disqualified]);
  });

  it('needs a reason', () => {
    given(customerDecider, [registered])
      .when({ type: 'DisqualifyCustomer', data: { reason: '' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'reason' });
  });

  it('refuses a customer disqualified already', () => {
    given(customerDecider, [registered, disqualified])
      .when({ type: 'DisqualifyCustomer', data: { reason: 'Still no budget.' } })
      .thenThrows(BusinessRuleViolation, { rule: 'disqualification.already_disqualified' });
  });

  it('refuses a partner, whose churn must be recorded first', () => {
    given(customerDecider, [registered, qualified, partnered])
      .when({ type: 'DisqualifyCustomer', data: { reason: 'Fraud.' } })
      .thenThrows(BusinessRuleViolation, { rule: 'disqualification.active_partner' });
    given(customerDecider, [registered, qualified, partnered, churned])
      .when({ type: 'DisqualifyCustomer', data: { reason: 'Fraud.' } })
      .then([{ type: 'CustomerDisqualified', data: { reason: 'Fraud.' } }]);
  });
});
