import { customerEventTypes, isCustomerEventType } from '@crm/domain';
import { ValidateBy } from 'class-validator';
import { isInstant } from '../http/instant';
import { recordingBound } from './recording-bound';

/** The first item of a comma-separated list that is no known event type, if any. */
function unknownTypeIn(value: unknown): string | undefined {
  if (typeof value !== 'string') return '';
  return value.split(',').find((type) => !isCustomerEventType(type));
}

/** Known event types, comma-separated; the message names the first that is not one. */
export function IsEventTypeList(): PropertyDecorator {
  return ValidateBy({
    name: 'isEventTypeList',
    validator: {
      validate: (value) => unknownTypeIn(value) === undefined,
      defaultMessage: (args) => {
        const unknown = unknownTypeIn(args?.value);
        return unknown
          ? `${args?.property} names ${JSON.stringify(unknown)}, which is no event type; the types are ${customerEventTypes.join(', ')}`
          : `${args?.property} must be event types separated by commas, none of them empty`;
      },
    },
  });
}

/**
 * `to` is after `from`, at least by a millisecond, the grain of recording times. A `from` or
 * `to` that is no instant is left to its own rule, not named twice.
 */
export function IsAfterFrom(): PropertyDecorator {
  return ValidateBy({
    name: 'isAfterFrom',
    validator: {
      validate: (to, args) => {
        const from = (args?.object as { from?: unknown }).from;
        return !isInstant(to) || !isInstant(from) || recordingBound(to) > recordingBound(from);
      },
      defaultMessage: (args) => `${args?.property} must be later than from (to is exclusive, from inclusive)`,
    },
  });
}
