import { maxJsonDepth, parseJsonBody } from './json-body';
import { RequestValidationError } from './validation';

const refusal = (text: string) => {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors;
    throw error;
  }
  throw new Error(`accepted: ${text}`);
};

describe('JSON request bodies', () => {
  it('answers what JSON.parse answers for a body within the rules', () => {
    const text = '{"a":{"b":[1,{"c":"d","e":null}],"f":"\\u00e9\\"x"},"g":[[1],[2,3]],"h":"王"}';
    expect(parseJsonBody(text)).toEqual(JSON.parse(text));
    expect(parseJsonBody('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toEqual({ a: 1, b: { a: 2 }, c: [{ a: 3 }, { a: 4 }] });
  });

  it('refuses a key given twice in one object, naming its path', () => {
    expect(refusal('{"name":"a","name":"b"}')).toEqual([{ path: 'name', message: 'name is given twice in one object' }]);
    expect(refusal('{"lines":[{"sku":"a"},{"sku":"b","sku":"c"}]}')[0].path).toBe('lines[1].sku');
    expect(refusal('{"a":{"b":{"x":1}},"c":{"k":1,"k":2}}')[0].path).toBe('c.k');
    // The same key spelt with an escape is the same key.
    expect(refusal('{"ab":1,"a\\u0062":2}')[0].path).toBe('ab');
    // A string value that looks like a key does not count.
    expect(parseJsonBody('{"a":"a","b":"{\\"a\\":1,\\"a\\":2}"}')).toEqual({ a: 'a', b: '{"a":1,"a":2}' });
  });

  it('refuses NUL and lone surrogates in values and keys, naming the path', () => {
    expect(refusal('{"name":"a\\u0000b"}')).toEqual([{ path: 'name', message: 'name must not contain the NUL character (U+0000)' }]);
    expect(refusal('{"contactDetails":{"email":"x\\ud800@example.com"}}')[0].path).toBe('contactDetails.email');
    expect(refusal('{"lines":[{"sku":"\\udc00"}]}')[0].path).toBe('lines[0].sku');
    expect(refusal('{"a\\u0000":1}')[0].path).toBe('a\u0000');
    expect(parseJsonBody('{"emoji":"\\ud83d\\ude00"}')).toEqual({ emoji: '😀' });
  });

  it('refuses prototype keys anywhere, as Fastify\'s own parser did', () => {
    expect(refusal('{"__proto__":{"polluted":true}}')[0].path).toBe('__proto__');
    expect(refusal('{"a":[{"constructor":{"prototype":{"x":1}}}]}')[0].path).toBe('a[0].constructor');
    expect(parseJsonBody('{"constructor":"a name"}')).toEqual({ constructor: 'a name' });
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parseJsonBody(`{"a":${deep(maxJsonDepth - 1)}}`)).toBeDefined();
    expect(refusal(`{"a":${deep(maxJsonDepth)}}`)[0].message).toMatch(/deeper than 32 levels/);
    expect(refusal(`{"lines":${deep(100_000)}}`)[0].message).toMatch(/deeper/);
  });

  it('refuses text that is not JSON', () => {
    expect(refusal('{"stars": 3')[0]).toMatchObject({ path: '(body)', message: expect.stringMatching(/not valid JSON/) });
  });
});
