import type { ProfileCardUpdated } from '../customer/events';
import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { registered, untrusted } from '../testing/customer-fixtures';

const profileCardUpdated: ProfileCardUpdated = {
  type: 'ProfileCardUpdated',
  data: { birthday: '1975-06-01', contactDetails: { mobile: '13800000000' } },
};

describe('EraseCustomer', () => {
  it('records the erasure with its legal basis and no personal data', () => {
    given(customerDecider, [registered, profileCardUpdated])
      .when({ type: 'EraseCustomer', data: { basis: 'data-subject-request' } })
      .then([{ type: 'CustomerErased', data: { basis: 'data-subject-request' } }]);
  });

  it('needs a known legal basis', () => {
    given(customerDecider, [registered])
      .when({ type: 'EraseCustomer', data: { basis: untrusted('tidy-up') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'basis' });
  });
});
