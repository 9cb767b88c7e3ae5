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
  const hash = new CanonicalJsonHash();
  hash.value(value);
  return hash.digest();
}

/** cyrb53 fed character by character; a class rather than closures, as it runs on every fold. */
class CanonicalJsonHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  value(member: unknown): void {
    if (typeof member === 'string') return this.string(member);
    // What JSON.stringify writes for them, without calling it: numbers print alike, NaN and Infinity as null.
    if (typeof member === 'number') return this.text(Number.isFinite(member) ? String(member) : 'null');
    if (typeof member !== 'object' || member === null) return this.text(String(JSON.stringify(member)));
    if (Array.isArray(member)) {
      this.char(0x5b); // [
      for (let i = 0; i < member.length; i++) {
        if (i > 0) this.char(0x2c); // ,
        this.value(member[i]);
      }
      return this.char(0x5d); // ]
    }
    this.char(0x7b); // {
    let first = true;
    for (const key of Object.keys(member).sort()) {
      const item: unknown = (member as Record<string, unknown>)[key];
      if (item === undefined) continue;
      if (!first) this.char(0x2c); // ,
      first = false;
      this.string(key);
      this.char(0x3a); // :
      this.value(item);
    }
    this.char(0x7d); // }
  }

  digest(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return hex32(h2) + hex32(h1);
  }

  private string(text: string): void {
    if (!plainString(text)) return this.text(JSON.stringify(text));
    this.char(0x22); // "
    this.text(text);
    this.char(0x22);
  }

  private text(text: string): void {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  private char(ch: number): void {
    this.h1 = Math.imul(this.h1 ^ ch, 2654435761);
    this.h2 = Math.imul(this.h2 ^ ch, 1597334677);
  }
}

/** A string JSON writes as it is between quotes: no quote, backslash, control character or surrogate. */
function plainString(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 0x20 || ch === 0x22 || ch === 0x5c || (ch >= 0xd800 && ch <= 0xdfff)) return false;
  }
  return true;
}

const hexBytes = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** By table: Number#toString(16) took a tenth of a purchase's fold. */
function hex32(value: number): string {
  return hexBytes[(value >>> 24) & 0xff] + hexBytes[(value >>> 16) & 0xff] + hexBytes[(value >>> 8) & 0xff] + hexBytes[value & 0xff];
}
