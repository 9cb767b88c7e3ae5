import { emptyKeyed, getKeyed, type Keyed, keyedEntries, setKeyed } from './keyed';

describe('Keyed', () => {
  it('finds what was set and nothing else', () => {
    const map = setKeyed(emptyKeyed<number>(), 'o-1', 1);
    expect(getKeyed(map, 'o-1')).toBe(1);
    expect(getKeyed(map, 'o-2')).toBeUndefined();
  });

  it('replaces the value of an id set again', () => {
    const map = setKeyed(setKeyed(emptyKeyed<number>(), 'o-1', 1), 'o-1', 2);
    expect(getKeyed(map, 'o-1')).toBe(2);
    expect([...keyedEntries(map)]).toStrictEqual([['o-1', 2]]);
  });

  it('leaves earlier versions unchanged', () => {
    const before = setKeyed(emptyKeyed<number>(), 'o-1', 1);
    const after = setKeyed(setKeyed(before, 'o-1', 2), 'o-2', 3);
    expect(getKeyed(before, 'o-1')).toBe(1);
    expect(getKeyed(before, 'o-2')).toBeUndefined();
    expect(getKeyed(after, 'o-1')).toBe(2);
    expect(getKeyed(emptyKeyed<number>(), 'o-1')).toBeUndefined();
  });

  it('holds thousands of ids, colliding buckets included', () => {
    let map: Keyed<number> = emptyKeyed();
    for (let i = 0; i < 5_000; i++) map = setKeyed(map, `ORD-2024-${i}`, i);
    for (let i = 0; i < 5_000; i++) expect(getKeyed(map, `ORD-2024-${i}`)).toBe(i);
    expect([...keyedEntries(map)]).toHaveLength(5_000);
  });

  it('treats ids that name object properties as plain ids', () => {
    expect(getKeyed(emptyKeyed<number>(), '__proto__')).toBeUndefined();
    expect(getKeyed(emptyKeyed<number>(), 'constructor')).toBeUndefined();
    const map = setKeyed(setKeyed(emptyKeyed<number>(), '__proto__', 1), 'toString', 2);
    expect(getKeyed(map, '__proto__')).toBe(1);
    expect(getKeyed(map, 'toString')).toBe(2);
  });

  it('survives a JSON round trip, as a snapshot would', () => {
    const one = setKeyed(emptyKeyed<{ amountMinor: number }>(), 'o-1', { amountMinor: 5 });
    const map = setKeyed(one, 'o-2', { amountMinor: 7 });
    const restored: Keyed<{ amountMinor: number }> = JSON.parse(JSON.stringify(map));
    expect(getKeyed(restored, 'o-2')).toStrictEqual({ amountMinor: 7 });
    expect(getKeyed(setKeyed(restored, 'o-3', { amountMinor: 9 }), 'o-1')).toStrictEqual({ amountMinor: 5 });
  });
});
