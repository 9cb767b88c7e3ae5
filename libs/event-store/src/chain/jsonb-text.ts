import type { JsonValue } from '../event-store';

/**
 * A JSON value as PostgreSQL's `jsonb` prints it (`jsonb::text`), the form the
 * hash chain covers (DESIGN.md §3), so that a link can be checked outside the
 * database: keys ordered by UTF-8 length, then bytewise, `", "` and `": "`
 * between members, strings escaped as `escape_json` does (the same set as
 * `JSON.stringify`), numbers in plain decimal as `numeric` prints them.
 *
 * Numbers are taken in JavaScript's shortest form, which is what every writer of
 * ours stores; a number written by hand with trailing zeros (`1.50`) prints
 * differently in jsonb and shows here as a broken link.
 */
export function jsonbText(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return numericText(value);
    case 'string':
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map(jsonbText).join(', ')}]`;
  const keys = Object.keys(value).sort(byJsonbKeyOrder);
  return keys.length === 0 ? '{}' : `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText(value[key])}`).join(', ')}}`;
}

/** jsonb's key order: shorter UTF-8 first, then byte by byte. */
function byJsonbKeyOrder(a: string, b: string): number {
  // Keys are mostly ASCII, where UTF-16 code units are the bytes: no buffers to make.
  if (isAscii(a) && isAscii(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length - right.length || Buffer.compare(left, right);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `numeric`'s output of the number JavaScript writes: its exponent form spelt out. */
function numericText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`${n} is not a JSON number`);
  const text = String(n);
  const exponent = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, whole, fraction = '', power] = exponent;
  const digits = whole + fraction;
  const point = whole.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
