import type { HistoryCursor } from '@crm/projections';
import { isInstant } from '../http/instant';
import { RequestValidationError } from '../http/validation';

/** The cursor is opaque to clients: base64url of where the page ended. */
export function encodeCursor(cursor: HistoryCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.streamVersion])).toString('base64url');
}

export function decodeCursor(text: string): HistoryCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && isInstant(parsed[0]) && Number.isSafeInteger(parsed[1]) && parsed[1] >= 0) {
    return { occurredAt: parsed[0], streamVersion: parsed[1] };
  }
  throw new RequestValidationError([{ path: 'cursor', message: 'cursor must be the next of a previous page' }]);
}
