/** RFM as of T, worked out by hand: whole days, then C6 scores over the 5 scored customers. */
import { DAY_MS, rfmScores, wholeDaysSince } from './rfm';

const T = Date.UTC(2024, 6, 1); // 2024-07-01T00:00Z

describe('whole days since', () => {
  it('floors to whole days', () => {
    expect(wholeDaysSince(T, T)).toBe(0);
    expect(wholeDaysSince(T - DAY_MS + 1, T)).toBe(0); // 23:59:59.999 ago -> 0 days
    expect(wholeDaysSince(T - DAY_MS, T)).toBe(1);
    expect(() => wholeDaysSince(T + 1, T)).toThrow(RangeError);
  });
});

describe('RFM scores', () => {
  const answers = rfmScores(
    [
      { customerId: 'a', lastOrderAt: T, frequency: 5, monetaryMinor: 50_000 },
      { customerId: 'b', lastOrderAt: T - DAY_MS + 1, frequency: 1, monetaryMinor: 20_000 },
      { customerId: 'c', lastOrderAt: T - 10 * DAY_MS, frequency: 3, monetaryMinor: 9_000 },
      // last order 400 days and 1 ms ago: nothing within 365 days, still scored.
      { customerId: 'd', lastOrderAt: T - 400 * DAY_MS - 1, frequency: 0, monetaryMinor: 0 },
      { customerId: 'e', lastOrderAt: T - 30 * DAY_MS, frequency: 2, monetaryMinor: 20_000 },
    ],
    T,
  );

  it('answers recency in whole days with the raw F and M', () => {
    // a 0, b floor((1 d - 1 ms) / 1 d) = 0, c 10, d floor(400 d + 1 ms) = 400, e 30
    expect([...answers.values()].map((x) => x.recencyDays)).toEqual([0, 0, 10, 400, 30]);
    expect(answers.get('d')).toMatchObject({ frequency: 0, monetaryMinor: 0 });
  });

  it('scores recency with larger worse', () => {
    // n = 5, recencies a 0, b 0, c 10, e 30, d 400; w = how many have a larger recency.
    expect(answers.get('a')!.r).toBe(4); // w = 3 (c, e, d): 1 + floor(15/5) = 4
    expect(answers.get('b')!.r).toBe(4); // tied with a
    expect(answers.get('c')!.r).toBe(3); // w = 2 (e, d): 1 + 2 = 3
    expect(answers.get('e')!.r).toBe(2); // w = 1 (d): 1 + 1 = 2
    expect(answers.get('d')!.r).toBe(1); // w = 0
  });

  it('scores frequency and monetary with smaller worse', () => {
    // F: a 5, b 1, c 3, d 0, e 2; w = how many have a smaller frequency.
    // a w=4 -> 5; c w=3 (b, d, e) -> 4; e w=2 (b, d) -> 3; b w=1 (d) -> 2; d w=0 -> 1
    // M: a 50000, b 20000, e 20000, c 9000, d 0.
    // a w=4 -> 5; b and e w=2 (c, d) -> 1 + floor(10/5) = 3; c w=1 -> 2; d -> 1
    const fm = Object.fromEntries([...answers].map(([id, x]) => [id, [x.f, x.m]]));
    expect(fm).toEqual({ a: [5, 5], b: [2, 3], c: [4, 2], d: [1, 1], e: [3, 3] });
  });

  it('refuses an order after T or a fractional count', () => {
    expect(() => rfmScores([{ customerId: 'x', lastOrderAt: T + 1, frequency: 1, monetaryMinor: 1 }], T)).toThrow(RangeError);
    expect(() => rfmScores([{ customerId: 'x', lastOrderAt: T, frequency: 1.5, monetaryMinor: 1 }], T)).toThrow(RangeError);
  });
});
