import { canonicalJson, fingerprint, optional } from './json';

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

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 'x'] })).toBe('{"a":[{"c":3,"d":2},"x"],"b":1}');
  });

  it('leaves out absent fields', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
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

  it('is 16 hex digits', () => {
    expect(fingerprint({ anything: '窜货' })).toMatch(/^[0-9a-f]{16}$/);
  });
});
