import { jsonbText } from './jsonb-text';

describe("jsonb's text form", () => {
  it('orders keys by UTF-8 length, then bytes, with spaces after colons and commas', () => {
    expect(jsonbText({ bb: 1, a: [true, null, 'x'], é: {}, z: [] })).toBe('{"a": [true, null, "x"], "z": [], "bb": 1, "é": {}}');
  });

  it('escapes as escape_json does', () => {
    expect(jsonbText('tab\t"q"\\ \u0001 \u2028 王')).toBe('"tab\\t\\"q\\"\\\\ \\u0001 \u2028 王"');
  });

  it('prints numbers in plain decimal as numeric does', () => {
    expect([0, -0, 42, -2.5, 0.1, 1e21, 1.5e21, 1e-7, -1.5e-7, 5e-324].map(jsonbText)).toEqual([
      '0',
      '0',
      '42',
      '-2.5',
      '0.1',
      '1000000000000000000000',
      '1500000000000000000000',
      '0.0000001',
      '-0.00000015',
      `0.${'0'.repeat(323)}5`,
    ]);
  });
});
