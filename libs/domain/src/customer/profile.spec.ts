import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { registered } from '../testing/customer-fixtures';

describe('UpdateProfileCard', () => {
  it('records the fields that change, for care and visits', () => {
    given(customerDecider, [registered])
      .when({
        type: 'UpdateProfileCard',
        data: {
          birthday: '1975-06-01',
          hobbies: ['golf', 'tea'],
          family: [{ relation: 'daughter', name: '张小雨', birthday: '2005-09-10' }],
          anniversaries: [{ label: 'store opening', date: '2008-10-01' }],
          contactDetails: { mobile: '13800000000', wechat: 'zhang_hz' },
        },
      })
      .then([
        {
          type: 'ProfileCardUpdated',
          data: {
            birthday: '1975-06-01',
            hobbies: ['golf', 'tea'],
            family: [{ relation: 'daughter', name: '张小雨', birthday: '2005-09-10' }],
            anniversaries: [{ label: 'store opening', date: '2008-10-01' }],
            contactDetails: { mobile: '13800000000', wechat: 'zhang_hz' },
          },
        },
      ]);
  });

  it('clears the birthday with null', () => {
    given(customerDecider, [registered])
      .when({ type: 'UpdateProfileCard', data: { birthday: null } })
      .then([{ type: 'ProfileCardUpdated', data: { birthday: null } }]);
  });

  it('must change something', () => {
    given(customerDecider, [registered])
      .when({ type: 'UpdateProfileCard', data: {} })
      .thenThrows(BusinessRuleViolation, { rule: 'profile_card.empty_update' });
  });

  it.each([
    ['birthday', { birthday: '1975-02-30' }],
    ['family[0].birthday', { family: [{ relation: 'son', name: '张强', birthday: '2010/01/01' }] }],
    ['anniversaries[0].date', { anniversaries: [{ label: 'wedding', date: '1999-13-01' }] }],
  ])('needs real calendar dates (%s)', (path, data) => {
    given(customerDecider, [registered])
      .when({ type: 'UpdateProfileCard', data })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_a_date', path });
  });

  it('needs family members named', () => {
    given(customerDecider, [registered])
      .when({ type: 'UpdateProfileCard', data: { family: [{ relation: 'wife', name: '' }] } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'family[0].name' });
  });
});

describe('AssignAccountManager', () => {
  it('assigns the account manager', () => {
    given(customerDecider, [registered])
      .when({ type: 'AssignAccountManager', data: { managerId: 'am-li' } })
      .then([{ type: 'AccountManagerAssigned', data: { managerId: 'am-li' } }]);
  });

  it('records nothing when the manager is assigned already', () => {
    given(customerDecider, [registered, { type: 'AccountManagerAssigned', data: { managerId: 'am-li' } }])
      .when({ type: 'AssignAccountManager', data: { managerId: 'am-li' } })
      .then([]);
  });

  it('reassigns to another manager', () => {
    given(customerDecider, [registered, { type: 'AccountManagerAssigned', data: { managerId: 'am-li' } }])
      .when({ type: 'AssignAccountManager', data: { managerId: 'am-zhao' } })
      .then([{ type: 'AccountManagerAssigned', data: { managerId: 'am-zhao' } }]);
  });

  it('needs a manager', () => {
    given(customerDecider, [registered])
      .when({ type: 'AssignAccountManager', data: { managerId: ' ' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'managerId' });
  });
});
