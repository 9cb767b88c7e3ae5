/** C6 quintile scores: s = 1 + floor(5w / n), w = customers strictly worse; worked by hand. */
import { quintileScore, quintileScores } from './quintiles';

const values = (pairs: [string, number][]) => pairs.map(([customerId, value]) => ({ customerId, value }));
const asObject = (scores: Map<string, number>) => Object.fromEntries(scores);

describe('quintile scores', () => {
  // n = 7 with a 3-way tie: a 10, b/c/d 20, e 30, f 40, g 50.
  const seven = values([['e', 30], ['b', 20], ['a', 10], ['g', 50], ['c', 20], ['f', 40], ['d', 20]]);

  it('scores a 3-way tie alike when lower is worse', () => {
    expect(asObject(quintileScores(seven, 'lower'))).toEqual({
      a: 1, // w = 0: 1 + floor(0/7) = 1
      b: 1, // w = 1 (a): 1 + floor(5/7) = 1
      c: 1,
      d: 1,
      e: 3, // w = 4 (a, b, c, d): 1 + floor(20/7) = 1 + 2 = 3 (score 2 is skipped)
      f: 4, // w = 5: 1 + floor(25/7) = 1 + 3 = 4
      g: 5, // w = 6: 1 + floor(30/7) = 1 + 4 = 5
    });
  });

  it('scores a 3-way tie alike when higher is worse', () => {
    expect(asObject(quintileScores(seven, 'higher'))).toEqual({
      g: 1, // w = 0
      f: 1, // w = 1: 1 + floor(5/7) = 1
      e: 2, // w = 2: 1 + floor(10/7) = 2
      b: 3, // w = 3 (g, f, e): 1 + floor(15/7) = 3
      c: 3,
      d: 3,
      a: 5, // w = 6: 1 + floor(30/7) = 5
    });
  });

  it('gives 1..5 to five distinct values and pairs for ten', () => {
    const five = values([['v1', 1], ['v2', 2], ['v3', 3], ['v4', 4], ['v5', 5]]);
    // w = 0..4: 1 + floor(5w/5) = 1 + w
    expect(asObject(quintileScores(five, 'lower'))).toEqual({ v1: 1, v2: 2, v3: 3, v4: 4, v5: 5 });
    const ten = values(Array.from({ length: 10 }, (_, i): [string, number] => [`t${i}`, i]));
    // w = 0..9: 1 + floor(5w/10) = 1,1,2,2,3,3,4,4,5,5
    expect([...quintileScores(ten, 'lower').values()]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('gives 1 to a lone customer and to an all-tied crowd', () => {
    expect(asObject(quintileScores(values([['solo', 42]]), 'lower'))).toEqual({ solo: 1 }); // w = 0 of 1
    expect(asObject(quintileScores(values([['x', 7], ['y', 7], ['z', 7]]), 'higher'))).toEqual({ x: 1, y: 1, z: 1 });
    expect(quintileScores([], 'lower').size).toBe(0);
  });

  it('refuses a customer twice or a non-finite value', () => {
    expect(() => quintileScores(values([['a', 1], ['a', 2]]), 'lower')).toThrow(RangeError);
    expect(() => quintileScores(values([['a', Number.NaN]]), 'lower')).toThrow(RangeError);
    expect(() => quintileScore(3, 3)).toThrow(RangeError);
  });
});
