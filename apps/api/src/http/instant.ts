import { ValidateBy, type ValidationOptions } from 'class-validator';

/** RFC 3339 date-time: seconds required, a fraction of up to 9 digits, and an explicit zone (`Z` or `±hh:mm`). */
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether `value` is an RFC 3339 instant that exists: 30 February, 24:00,
 * minute 60 or a zone of +24:00 are refused, where Date.parse would roll them
 * over into another instant, and a text without a zone is refused rather than
 * read in the server's time zone.
 */
export function isInstant(value: unknown): value is string {
  const fields = typeof value === 'string' ? rfc3339.exec(value) : null;
  if (!fields) return false;
  const [year, month, day, hour, minute, second, zoneHours = 0, zoneMinutes = 0] = fields.slice(1).map((f) => Number(f ?? 0));
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const dateExists = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  return dateExists && hour <= 23 && minute <= 59 && second <= 59 && zoneHours <= 23 && zoneMinutes <= 59;
}

export const instantRule = 'must be an RFC 3339 instant with a time zone, e.g. 2024-05-01T09:30:00Z or 2024-05-01T17:30:00+08:00';

/** The property is an RFC 3339 instant (see isInstant). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isInstant', validator: { validate: isInstant, defaultMessage: (args) => `${args?.property} ${instantRule}` } }, options);
}
