import { isInstant } from '../http/instant';
import { RequestValidationError } from '../http/validation';

/** What a page of the trail was asked for, in one form (bounds in UTC milliseconds, types sorted): a cursor continues only this. */
export interface AuditSelection {
  actor: string | null;
  from: string | null;
  to: string | null;
  types: string[] | null;
}

const fields = ['actor', 'from', 'to', 'types'] as const;

/** The cursor is opaque to clients: base64url of the selection and the position the page ended at. */
export function encodeAuditCursor(selection: AuditSelection, after: number): string {
  return Buffer.from(JSON.stringify([...fields.map((f) => selection[f]), after])).toString('base64url');
}

const fail = (message: string) => new RequestValidationError([{ path: 'cursor', message }]);
const textOrNull = (value: unknown) => value === null || typeof value === 'string';
const instantOrNull = (value: unknown) => value === null || isInstant(value);
const typesOrNull = (value: unknown) => value === null || (Array.isArray(value) && value.every((t) => typeof t === 'string'));

/** The position a cursor continues after; 400 when it is none of ours or belongs to another selection. */
export function decodeAuditCursor(text: string, selection: AuditSelection): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw fail('cursor must be the next of a previous page');
  const [actor, from, to, types, after] = parsed as unknown[];
  if (!textOrNull(actor) || !instantOrNull(from) || !instantOrNull(to) || !typesOrNull(types) || !Number.isSafeInteger(after) || (after as number) < 0) {
    throw fail('cursor must be the next of a previous page');
  }
  const carried: AuditSelection = { actor: actor as string | null, from: from as string | null, to: to as string | null, types: types as string[] | null };
  const other = fields.filter((f) => JSON.stringify(carried[f]) !== JSON.stringify(selection[f]));
  if (other.length > 0) throw fail(`cursor belongs to another ${other.join(', ')}: send the actor, from, to and types of the page it came from`);
  return after as number;
}
