import { customerDecider } from '../customer-decider';
import { BusinessRuleViolation } from '../shared/errors';
import { given } from '../shared/specification';
import { registered, untrusted } from '../testing/customer-fixtures';

describe('OverrideTier', () => {
  it('designates a key account by hand, with the reason', () => {
    given(customerDecider, [registered])
      .when({ type: 'OverrideTier', data: { tier: 'key', reason: 'government-influence' } })
      .then([{ type: 'TierOverridden', data: { tier: 'key', reason: 'government-influence' } }]);
  });

  it('accepts only strategic, brand or government-influence as the reason', () => {
    given(customerDecider, [registered])
      .when({ type: 'OverrideTier', data: { tier: 'key', reason: untrusted('friend-of-the-boss') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'reason' });
  });

  it('accepts only key, general or small as the tier', () => {
    given(customerDecider, [registered])
      .when({ type: 'OverrideTier', data: { tier: untrusted('platinum'), reason: 'brand' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'tier' });
  });

  it('records nothing when the same override stands already', () => {
    given(customerDecider, [registered, { type: 'TierOverridden', data: { tier: 'key', reason: 'brand' } }])
      .when({ type: 'OverrideTier', data: { tier: 'key', reason: 'brand' } })
      .then([]);
  });

  it('records a new reason for the same tier', () => {
    given(customerDecider, [registered, { type: 'TierOverridden', data: { tier: 'key', reason: 'brand' } }])
      .when({ type: 'OverrideTier', data: { tier: 'key', reason: 'strategic' } })
      .then([{ type: 'TierOverridden', data: { tier: 'key', reason: 'strategic' } }]);
  });
});

describe('RateCredit', () => {
  it('records the credit grade, again on every review', () => {
    given(customerDecider, [registered, { type: 'CreditRated', data: { grade: 'AA' } }])
      .when({ type: 'RateCredit', data: { grade: 'AA' } })
      .then([{ type: 'CreditRated', data: { grade: 'AA' } }]);
  });

  it('accepts only AAA, AA, A, B or C', () => {
    given(customerDecider, [registered])
      .when({ type: 'RateCredit', data: { grade: untrusted('BBB') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'grade' });
  });
});

describe('RateStars', () => {
  it('records a star rating', () => {
    given(customerDecider, [registered])
      .when({ type: 'RateStars', data: { stars: 4 } })
      .then([{ type: 'StarRated', data: { stars: 4 } }]);
  });

  it.each([0, 6, 3.5])('accepts only whole stars from 1 to 5, not %p', (stars) => {
    given(customerDecider, [registered])
      .when({ type: 'RateStars', data: { stars } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'stars' });
  });
});
