import { ValidateBy, type ValidationOptions } from 'class-validator';

/** An IANA time zone this runtime knows (Asia/Shanghai, UTC, America/New_York …). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isTimeZone', validator: { validate: isTimeZone, defaultMessage: (args) => `${args?.property} must be an IANA time zone, e.g. Asia/Shanghai or UTC` } },
    options,
  );
}
