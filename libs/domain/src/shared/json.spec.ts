import { fingerprint, optional } from './json';

describe('optional', () => {
  it('spreads to the field when the value is present, null and false included', () => {
    expect({ ...optional('note', 'x') }).toStrictEqual({ note: 'x' });
    expect({ ...optional('birthday', null) }).toStrictEqual({ birthday: null });
    expect({ ...optional('champion', false) }).toStrictEqual({ champion: false });
  });

  it('spreads to nothing when the value is absent', () => {
    expect({ ...optional('note', undefined) }).toStrictEqual({});
  });
});

describe('fingerprint', () => {
  it('is the same for the same payload in any key order', () => {
    expect(fingerprint({ orderId: 'o-1', lines: [{ sku: 'A', quantity: 1 }] })).toBe(
      fingerprint({ lines: [{ quantity: 1, sku: 'A' }], orderId: 'o-1' }),
    );
  });

  it('differs for different payloads', () => {
    const prints = new Set(
      [{ q: 1 }, { q: 2 }, { q: '1' }, { q: [1] }, { q: null }, { p: 1 }, { q: 1, r: 1 }].map(fingerprint),
    );
    expect(prints.size).toBe(7);
  });

  it('is cyrb53 of the canonical JSON text (keys sorted at every depth, absent fields left out)', () => {
    const random = seeded(7);
    for (let n = 0; n < 2000; n++) {
      const payload = randomObject(random, 0);
      expect(fingerprint(payload)).toBe(cyrb53(canonicalJson(payload)));
    }
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 'x'], e: undefined })).toBe('{"a":[{"c":3,"d":2},"x"],"b":1}');
  });

  it('is 16 hex digits', () => {
    expect(fingerprint({ anything: '窜货' })).toMatch(/^[0-9a-f]{16}$/);
  });
});

/** The definition the fingerprint must keep: the canonical text, built whole. */
function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((key) => Reflect.get(value, key) !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(Reflect.get(value, key))}`);
  return `{${members.join(',')}}`;
}

function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
  return hex(h2) + hex(h1);
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

const pieces = ['a', 'orderId', 'sku', '窜货', '"', '\\', '\n', '\u0001', '😀', '\ud800', 'é', ' ', 'Z'];

function randomString(random: () => number): string {
  return Array.from({ length: Math.floor(random() * 4) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
}

function randomValue(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 6 : 8));
  switch (pick) {
    case 0:
      return randomString(random);
    case 1:
      return Math.floor(random() * 2000) - 1000;
    case 2:
      return (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
    case 3:
      return random() < 0.5;
    case 4:
      return null;
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1) ?? null);
    default:
      return randomObject(random, depth + 1);
  }
}

function randomObject(random: () => number, depth: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) object[randomString(random)] = randomValue(random, depth);
  return object;
}
