import type { CustomerListCursor, CustomerSortKey } from '@crm/application';
import { isInstant } from '../http/instant';
import { RequestValidationError } from '../http/validation';

/** A page's end, with the asOf and the sort it belongs to: the next page continues the same list. */
export interface ListPosition {
  asOf: string;
  sort: string;
  after: CustomerListCursor;
}

/** The cursor is opaque to clients: base64url of where the page ended. */
export function encodeListCursor({ asOf, sort, after }: ListPosition): string {
  return Buffer.from(JSON.stringify([asOf, sort, after.value, after.customerId])).toString('base64url');
}

const numericKeys: readonly CustomerSortKey[] = ['netRevenueMinor', 'lastInteractionAt'];

export function decodeListCursor(text: string, sort: string): ListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const fail = (message: string) => new RequestValidationError([{ path: 'cursor', message }]);
  if (!Array.isArray(parsed) || parsed.length !== 4) throw fail('cursor must be the next of a previous page');
  const [asOf, sorted, value, customerId] = parsed as unknown[];
  const key = String(sorted).replace(/^-/, '') as CustomerSortKey;
  const valueFits = value === null || (numericKeys.includes(key) ? Number.isSafeInteger(value) : typeof value === 'string');
  if (!isInstant(asOf) || typeof sorted !== 'string' || typeof customerId !== 'string' || !valueFits) throw fail('cursor must be the next of a previous page');
  if (sorted !== sort) throw fail(`cursor belongs to the sort ${sorted}, not ${sort}`);
  return { asOf, sort, after: { value: value as string | number | null, customerId } };
}
