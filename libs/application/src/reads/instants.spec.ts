import { iso } from './instants';

describe('an instant as the API answers it', () => {
  const native = (ms: number) => new Date(ms).toISOString();

  it("is toISOString's text at the edges of days, years, leap days and eras", () => {
    const edges = [
      0, -1, 1, 86_399_999, 86_400_000, -86_400_000, -86_400_001,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 2, 1), Date.UTC(2023, 11, 31, 23, 59, 59, 999),
      Date.UTC(1969, 11, 31, 12, 0, 0, 5), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1, 0, 0, 0, 1), Date.UTC(-1, 5, 15, 1, 2, 3, 4),
      8.64e15, -8.64e15,
    ];
    for (const ms of edges) expect({ ms, text: iso(ms) }).toEqual({ ms, text: native(ms) });
  });

  it('is the same for a hundred thousand instants spread over centuries, asked twice (the second from the days kept)', () => {
    let seed = 17;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    const instants = Array.from({ length: 100_000 }, () => (next() / 2_147_483_647 - 0.3) * 1e13 + next());
    for (const ms of [...instants, ...instants].map(Math.floor)) if (iso(ms) !== native(ms)) expect(iso(ms)).toBe(native(ms));
  });

  it('refuses what is no instant as toISOString does', () => {
    expect(() => iso(Number.NaN)).toThrow(RangeError);
    expect(() => iso(8.64e15 + 1)).toThrow(RangeError);
  });
});
