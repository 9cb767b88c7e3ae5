import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation, DuplicateConflict } from '../shared/errors';
import { given } from '../shared/specification';
import { customerId, registered, untrusted } from '../testing/customer-fixtures';
import type { RegisterCustomer } from './commands';

const register: RegisterCustomer = { type: 'RegisterCustomer', data: registered.data };

describe('RegisterCustomer', () => {
  it('registers a new customer', () => {
    given(customerDecider, []).when(register).then([registered]);
  });

  it('records only the fields given', () => {
    given(customerDecider, [])
      .when({ type: 'RegisterCustomer', data: { customerId, kind: 'person', name: '李明' } })
      .then([{ type: 'CustomerRegistered', data: { customerId, kind: 'person', name: '李明' } }]);
  });

  it('records nothing when an identical registration is retried', () => {
    given(customerDecider, [registered]).when(register).then([]);
  });

  it('refuses a different registration of a registered customer', () => {
    given(customerDecider, [registered])
      .when({ type: 'RegisterCustomer', data: { ...registered.data, region: 'Ningbo' } })
      .thenThrows(DuplicateConflict, { entity: 'customer', id: customerId });
  });

  it('needs a name', () => {
    given(customerDecider, [])
      .when({ type: 'RegisterCustomer', data: { ...registered.data, name: '  ' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'name' });
  });

  it('needs an id', () => {
    given(customerDecider, [])
      .when({ type: 'RegisterCustomer', data: { ...registered.data, customerId: '' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'customerId' });
  });

  it('accepts only an organization or a person', () => {
    given(customerDecider, [])
      .when({ type: 'RegisterCustomer', data: { ...registered.data, kind: untrusted('robot') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'kind' });
  });

  it('accepts only state, foreign or private ownership', () => {
    given(customerDecider, [])
      .when({ type: 'RegisterCustomer', data: { ...registered.data, ownership: untrusted('collective') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'ownership' });
  });

  it('gives ownership to organizations only', () => {
    given(customerDecider, [])
      .when({ type: 'RegisterCustomer', data: { customerId, kind: 'person', name: '李明', ownership: 'private' } })
      .thenThrows(BusinessRuleViolation, { rule: 'customer.ownership_requires_organization', path: 'ownership' });
  });
});
