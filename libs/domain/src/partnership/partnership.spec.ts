import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { churned, disqualified, partnered, purchaseRecorded, qualified, registered } from '../testing/customer-fixtures';

describe('EstablishPartnership', () => {
  it('makes a qualified customer a partner', () => {
    given(customerDecider, [registered, qualified])
      .when({ type: 'EstablishPartnership', data: { agreementRef: 'SA-2024-017' } })
      .then([{ type: 'PartnershipEstablished', data: { agreementRef: 'SA-2024-017' } }]);
  });

  it('refuses a customer that is not qualified', () => {
    given(customerDecider, [registered])
      .when({ type: 'EstablishPartnership', data: {} })
      .thenThrows(BusinessRuleViolation, { rule: 'partnership.requires_qualified_customer' });
    given(customerDecider, [registered, qualified, disqualified])
      .when({ type: 'EstablishPartnership', data: {} })
      .thenThrows(BusinessRuleViolation, { rule: 'partnership.requires_qualified_customer' });
  });

  it('refuses a partner already', () => {
    given(customerDecider, [registered, qualified, partnered])
      .when({ type: 'EstablishPartnership', data: {} })
      .thenThrows(BusinessRuleViolation, { rule: 'partnership.already_established' });
  });

  it('refuses a churned customer until a purchase wins it back', () => {
    given(customerDecider, [registered, qualified, churned])
      .when({ type: 'EstablishPartnership', data: {} })
      .thenThrows(BusinessRuleViolation, { rule: 'partnership.churned_customer' });
    given(customerDecider, [registered, qualified, churned, purchaseRecorded('o-1')])
      .when({ type: 'EstablishPartnership', data: {} })
      .then([partnered]);
  });
});
