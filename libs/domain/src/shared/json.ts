/**
 * Event data is plain JSON: optional keys are omitted rather than set to `undefined`.
 * `optional('note', value)` spreads to `{ note: value }`, or to nothing when the value is absent.
 */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  const field: { [P in K]?: V } = {};
  if (value !== undefined) field[key] = value;
  return field;
}

/**
 * A 64-bit digest (cyrb53's two mixed halves) of a payload's canonical JSON (object keys
 * sorted at every depth, absent fields left out), kept in state to tell an identical retry
 * from a different payload under the same id. It is not a security hash: a crafted
 * collision could only make its own author's command a no-op. The text is fed to the hash
 * as it is produced, never built: every fold computes one for each order, contact and
 * complaint.
 */
export function fingerprint(value: object): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  };
  const walk = (member: unknown): void => {
    if (typeof member === 'string') return feed(plainString(member) ? `"${member}"` : JSON.stringify(member));
    if (typeof member !== 'object' || member === null) return feed(String(JSON.stringify(member)));
    if (Array.isArray(member)) {
      feed('[');
      for (let i = 0; i < member.length; i++) {
        if (i > 0) feed(',');
        walk(member[i]);
      }
      return feed(']');
    }
    feed('{');
    let first = true;
    for (const key of Object.keys(member).sort()) {
      const item: unknown = Reflect.get(member, key);
      if (item === undefined) continue;
      if (!first) feed(',');
      first = false;
      feed(plainString(key) ? `"${key}":` : `${JSON.stringify(key)}:`);
      walk(item);
    }
    feed('}');
  };
  walk(value);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h2) + hex32(h1);
}

/** A string JSON writes as it is between quotes: no quote, backslash, control character or surrogate. */
function plainString(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 0x20 || ch === 0x22 || ch === 0x5c || (ch >= 0xd800 && ch <= 0xdfff)) return false;
  }
  return true;
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
