import type { JsonObject, JsonValue } from '../event-store';
import { chainLink, storedFormOf } from '../chain/chain-link';
import { jsonbText } from '../chain/jsonb-text';
import { SqlEventStore } from '../sql/sql-event-store';
import { collect, streamName } from './contract-fixtures';
import { shreddingOver } from './crypto-shredding-contract';
import type { OpenedSqlEventStore, SqlEventStoreAdapter } from './sql-contract-fixtures';

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const texts = ['', 'a', 'zz', 'é', '王芳', '颐高', 'Ω≈', '😀', 'tab\there', 'line\nbreak', 'quote"back\\slash', '\u0001\u001f\u007f', '\u2028\u2029', '/', 'A', 'aa', 'ab', 'b'];
const numbers = [0, -0, 1, -1, 42, 0.1, -2.5, 1e21, 1.5e21, 1e-7, -1.5e-7, 123456789012345680000, 2 ** 53, 599_900, 3.14159, 1e300, 5e-324];

function someJson(next: () => number, depth = 0): JsonValue {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const kind = depth >= 3 ? Math.floor(next() * 4) : Math.floor(next() * 6);
  if (kind === 0) return pick(texts) + (next() < 0.5 ? '' : pick(texts));
  if (kind === 1) return pick(numbers);
  if (kind === 2) return next() < 0.5;
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => someJson(next, depth + 1));
  return someObject(next, depth + 1);
}

function someObject(next: () => number, depth = 0): JsonObject {
  const object: JsonObject = {};
  for (let i = Math.floor(next() * 5); i > 0; i--) object[texts[Math.floor(next() * texts.length)] + (next() < 0.3 ? 'k' : '')] = someJson(next, depth);
  return object;
}

/**
 * Chain links read with the events and checked outside the database (DESIGN.md §3):
 * the JavaScript form of jsonb's text equals PostgreSQL's on random values, every
 * link recomputes from what a chained read gives, sealed events included.
 */
export function chainContract(adapter: SqlEventStoreAdapter): void {
  describe(`chain links outside the database: ${adapter.name}`, () => {
    let opened: OpenedSqlEventStore;
    beforeAll(async () => {
      opened = await adapter.open();
    });
    afterAll(async () => {
      await opened?.dispose();
    });
    const store = () => opened.store as SqlEventStore;

    it("prints JSON as jsonb's text does, on 300 random values", async () => {
      const next = random(20261203);
      const values = Array.from({ length: 300 }, () => someJson(next));
      const rows = await opened.client.query<{ text: string }>(`select t::jsonb::text as text from unnest($1::text[]) with ordinality as v(t, n) order by n`, [
        values.map((value) => JSON.stringify(value)),
      ]);
      expect(rows.map((row) => row.text)).toEqual(values.map(jsonbText));
    });

    it('gives each event its link and the one before it; every link recomputes from the event', async () => {
      const id = streamName();
      const next = random(7);
      for (let i = 0; i < 12; i++) {
        await store().append(id, [{ type: 'Recorded', data: someObject(next), metadata: { actor: 'ops 王', occurredAt: '1969-12-31T23:59:59.999Z', note: someJson(next) } }], i - 1);
      }
      await store().append(id, Array.from({ length: 5 }, () => ({ type: 'Batched', data: someObject(next) })), 11);
      const events = await collect(store().readStreamChained(id));
      expect(events).toHaveLength(17);
      expect(events[0].previousHash).toBe('');
      events.forEach((event, i) => {
        if (i > 0) expect(event.previousHash).toBe(events[i - 1].hash);
        expect(chainLink(event.previousHash, storedFormOf(event))).toBe(event.hash);
      });
      const later = await collect(store().readStreamChained(id, { fromVersion: 10, toVersion: 12 }));
      expect(later.map((e) => [e.streamVersion, e.previousHash, e.hash])).toEqual(events.slice(10, 13).map((e) => [e.streamVersion, e.previousHash, e.hash]));
    });

    it('reads $all with links up to a position', async () => {
      const first = streamName();
      const second = streamName();
      await store().append(first, [{ type: 'A', data: { n: 1 } }], 'no_stream');
      const { events } = await store().append(second, [{ type: 'B', data: { n: 2 } }], 'no_stream');
      await store().append(first, [{ type: 'C', data: { n: 3 } }], 0);
      const from = events[0].position;
      const read = await collect(store().readAllChained({ from, to: events[0].position }));
      expect(read.map((e) => e.type).filter((t) => ['A', 'B', 'C'].includes(t))).toEqual(['B']);
      const all = (await collect(store().readAllChained({ from }))).filter((e) => e.streamId === first);
      expect(all.map((e) => e.type)).toEqual(['C']);
      expect(all[0].previousHash).not.toBe('');
      expect(chainLink(all[0].previousHash, storedFormOf(all[0]))).toBe(all[0].hash);
    });

    it('opens sealed events and keeps the sealed form the link covers', async () => {
      const { store: shredding } = await shreddingOver(opened.client, async () => undefined);
      const id = streamName();
      await shredding.append(id, [{ type: 'CustomerRegistered', data: { name: '王芳', kind: 'person' } }], 'no_stream');
      await shredding.append(id, [{ type: 'StarRated', data: { stars: 4 } }], 0);
      const events = await collect(shredding.readStreamChained(id));
      expect(events[0].data).toEqual({ name: '王芳', kind: 'person' });
      expect(events[0].stored?.data).toEqual({ kind: 'person' });
      expect(JSON.stringify(events[0].stored?.metadata)).not.toContain('王芳');
      expect(events[1].stored).toBeUndefined();
      for (const event of events) expect(chainLink(event.previousHash, storedFormOf(event))).toBe(event.hash);
    });

    it("keeps the sealed form of a data subject's part, before and after the subject's erasure", async () => {
      const { store: shredding } = await shreddingOver(opened.client, async () => undefined);
      const id = streamName();
      await shredding.append(id, [{ type: 'ContactAdded', data: { contactId: 'ct-1', name: '李娜', note: 'Met at the fair' } }], 'no_stream');
      const before = await collect(shredding.readStreamChained(id));
      expect(before[0].data).toMatchObject({ name: '李娜', note: 'Met at the fair' });
      await shredding.append(id, [{ type: 'ContactErased', data: { contactId: 'ct-1' } }], 0);
      const after = await collect(shredding.readStreamChained(id));
      expect(after[0]).toMatchObject({ data: { name: null, note: 'Met at the fair' }, metadata: { erased: ['name'] }, stored: before[0].stored });
      expect(JSON.stringify(after[0].stored)).not.toContain('李娜');
      for (const event of after) expect(chainLink(event.previousHash, storedFormOf(event))).toBe(event.hash);
    });
  });
}
