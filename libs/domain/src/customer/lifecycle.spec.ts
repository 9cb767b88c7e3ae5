import type { CustomerEvent } from '../customer-stream';
import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { purchaseRecorded, registered, untrusted } from '../testing/customer-fixtures';

const qualified: CustomerEvent = { type: 'CustomerQualified', data: { requalified: false } };
const disqualified: CustomerEvent = { type: 'CustomerDisqualified', data: { reason: 'No budget, no need.' } };
const partnered: CustomerEvent = { type: 'PartnershipEstablished', data: {} };
const churned: CustomerEvent = { type: 'CustomerChurned', data: { reason: 'competitor', competitor: '百脑汇' } };

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
