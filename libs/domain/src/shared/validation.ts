/**
 * Ranges and formats the HTTP edge cannot be trusted to have checked: the decider is the
 * source of truth. Each failure is a BusinessRuleViolation with a `value.*` rule and the
 * path of the field within the command's data.
 */
import { BusinessRuleViolation } from './errors';

export function requireText(value: string, path: string): void {
  if (value.trim() === '') throw new BusinessRuleViolation('value.blank', `${path} must not be blank.`, path);
}

export function requireOneOf<T extends string>(allowed: readonly T[], value: T, path: string): void {
  if (!allowed.includes(value)) {
    throw new BusinessRuleViolation('value.not_allowed', `${path} must be one of ${allowed.join(', ')}.`, path);
  }
}

export function requireWholeNumber(value: number, path: string, range: { min?: number; max?: number } = {}): void {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const bounds =
      range.min !== undefined && range.max !== undefined
        ? ` from ${min} to ${max}`
        : range.min !== undefined
          ? ` of at least ${min}`
          : range.max !== undefined
            ? ` of at most ${max}`
            : '';
    throw new BusinessRuleViolation('value.out_of_range', `${path} must be a whole number${bounds}.`, path);
  }
}

const instantPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
/** Upper bounds of hour, minute, second, offset hours, offset minutes. */
const timeLimits = [23, 59, 59, 23, 59];

/** An ISO 8601 instant with a zone; returns its epoch milliseconds. Date.parse alone would take 30 February for 2 March. */
export function requireInstant(value: string, path: string): number {
  const match = instantPattern.exec(value);
  const valid = match !== null && isCalendarDate(match[1]) && match.slice(2).every((f, i) => f === undefined || Number(f) <= timeLimits[i]);
  const epochMs = valid ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(epochMs)) {
    throw new BusinessRuleViolation(
      'value.not_an_instant',
      `${path} must be an ISO 8601 instant with a time zone, e.g. 2024-05-01T09:30:00Z.`,
      path,
    );
  }
  return epochMs;
}

/** Normalised to UTC with milliseconds, so stored instants sort as text. */
export function toInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A calendar date YYYY-MM-DD that exists (no 31 April). */
export function requireDate(value: string, path: string): void {
  if (!isCalendarDate(value)) {
    throw new BusinessRuleViolation('value.not_a_date', `${path} must be a calendar date YYYY-MM-DD.`, path);
  }
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  return date !== undefined && date.toISOString().slice(0, 10) === value;
}

/** An ISO 4217 code: three capital letters. */
export function requireCurrency(value: string, path: string): void {
  if (!/^[A-Z]{3}$/.test(value)) {
    throw new BusinessRuleViolation('value.not_a_currency', `${path} must be an ISO 4217 code such as CNY.`, path);
  }
}
