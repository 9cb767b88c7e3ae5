import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { registered, untrusted } from '../testing/customer-fixtures';
import type { ComplianceViolation, Penalty, RecordComplianceViolation } from './commands';

describe('RecordComplianceViolation', () => {
  const diversion: ComplianceViolation = {
    kind: 'cross-region-diversion',
    description: '40 cartons of a Hangzhou allocation found on sale in Shanghai.',
  };
  const violation = (penalty: Penalty): RecordComplianceViolation => ({
    type: 'RecordComplianceViolation',
    data: { ...diversion, penalty },
  });

  it('records a 窜货 with its fine', () => {
    const penalty: Penalty = { kind: 'fine', amountMinor: 500_000, currency: 'CNY' };
    given(customerDecider, [registered])
      .when(violation(penalty))
      .then([{ type: 'ComplianceViolationRecorded', data: { ...diversion, penalty } }]);
  });

  it('records a violation before any penalty is decided', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordComplianceViolation', data: diversion })
      .then([{ type: 'ComplianceViolationRecorded', data: diversion }]);
  });

  it('records a supply suspension with its length', () => {
    given(customerDecider, [registered])
      .when(violation({ kind: 'supply-suspension', days: 30 }))
      .then([
        { type: 'ComplianceViolationRecorded', data: { ...diversion, penalty: { kind: 'supply-suspension', days: 30 } } },
      ]);
  });

  it.each([
    ['a fine without an amount', { kind: 'fine', currency: 'CNY' }],
    ['a fine without a currency', { kind: 'fine', amountMinor: 500_000 }],
    ['a warning with an amount', { kind: 'warning', amountMinor: 500_000, currency: 'CNY' }],
  ] as const)('refuses %s', (_case, penalty) => {
    given(customerDecider, [registered])
      .when(violation(penalty))
      .thenThrows(BusinessRuleViolation, { rule: 'compliance.penalty_amount', path: 'penalty.amountMinor' });
  });

  it.each([
    ['a suspension without days', { kind: 'supply-suspension' }],
    ['a warning with days', { kind: 'warning', days: 3 }],
  ] as const)('refuses %s', (_case, penalty) => {
    given(customerDecider, [registered])
      .when(violation(penalty))
      .thenThrows(BusinessRuleViolation, { rule: 'compliance.penalty_days', path: 'penalty.days' });
  });

  it('needs whole positive fines and days', () => {
    given(customerDecider, [registered])
      .when(violation({ kind: 'fine', amountMinor: 0, currency: 'CNY' }))
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'penalty.amountMinor' });
    given(customerDecider, [registered])
      .when(violation({ kind: 'supply-suspension', days: 0.5 }))
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'penalty.days' });
  });

  it('accepts only known kinds of violation and penalty', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordComplianceViolation', data: { ...diversion, kind: untrusted('jaywalking') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'kind' });
    given(customerDecider, [registered])
      .when(violation({ kind: untrusted('public-shaming') }))
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'penalty.kind' });
  });

  it('needs a description', () => {
    given(customerDecider, [registered])
      .when({ type: 'RecordComplianceViolation', data: { ...diversion, description: '' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'description' });
  });
});
