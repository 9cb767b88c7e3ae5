import { BusinessRuleViolation } from './errors';
import { requireCurrency, requireDate, requireInstant, requireWholeNumber } from './validation';

function ruleOf(check: () => unknown): string | undefined {
  try {
    check();
  } catch (error) {
    if (error instanceof BusinessRuleViolation) return error.rule;
    throw error;
  }
  return undefined;
}

describe('requireInstant', () => {
  it.each([
    ['2024-03-01T09:00:00Z', Date.UTC(2024, 2, 1, 9)],
    ['2024-03-01T17:00:00.000+08:00', Date.UTC(2024, 2, 1, 9)],
    ['2024-03-01T09:00Z', Date.UTC(2024, 2, 1, 9)],
    ['2024-02-29T23:59:59.999-05:00', Date.UTC(2024, 2, 1, 4, 59, 59, 999)],
  ])('reads %s', (value, epochMs) => {
    expect(requireInstant(value, 'at')).toBe(epochMs);
  });

  it.each([
    '2024-03-01',
    '2024-03-01T09:00:00',
    '2024-13-01T09:00:00Z',
    // Days and times that Date.parse would roll over into another instant.
    '2024-02-30T09:00:00Z',
    '2023-02-29T09:00:00Z',
    '2024-04-31T09:00:00Z',
    '2024-03-01T24:00:00Z',
    '2024-03-01T09:60:00Z',
    '2024-03-01T09:00:00+24:00',
    'soon',
    '',
  ])('refuses %p', (value) => {
    expect(ruleOf(() => requireInstant(value, 'at'))).toBe('value.not_an_instant');
  });
});

describe('requireDate', () => {
  it.each(['2024-02-29', '1975-06-01'])('accepts %s', (value) => {
    expect(ruleOf(() => requireDate(value, 'on'))).toBeUndefined();
  });

  it.each(['2023-02-29', '2024-04-31', '2024-1-1', '2024-01-01T00:00:00Z'])('refuses %s', (value) => {
    expect(ruleOf(() => requireDate(value, 'on'))).toBe('value.not_a_date');
  });
});

describe('requireCurrency', () => {
  it.each(['CNY', 'USD'])('accepts %s', (value) => {
    expect(ruleOf(() => requireCurrency(value, 'currency'))).toBeUndefined();
  });

  it.each(['cny', 'RMB¥', 'US'])('refuses %s', (value) => {
    expect(ruleOf(() => requireCurrency(value, 'currency'))).toBe('value.not_a_currency');
  });
});

describe('requireWholeNumber', () => {
  it('names the bounds in its message', () => {
    expect(() => requireWholeNumber(6, 'stars', { min: 1, max: 5 })).toThrow('stars must be a whole number from 1 to 5.');
    expect(() => requireWholeNumber(0, 'quantity', { min: 1 })).toThrow('quantity must be a whole number of at least 1.');
    expect(() => requireWholeNumber(0.5, 'marginMinor')).toThrow('marginMinor must be a whole number.');
  });

  it('refuses numbers too large to be exact', () => {
    expect(ruleOf(() => requireWholeNumber(2 ** 53, 'amountMinor', { min: 0 }))).toBe('value.out_of_range');
  });
});
