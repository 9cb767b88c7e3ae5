import type { JsonObject, RecordedEvent, SqlClient } from '@crm/event-store';
import { tableNamer, viewName } from '../../projection';
import { testClients, type OpenedClient } from '../../testing/test-clients';
import { customerDirectory } from './definition';
import { readDirectoryByFacts } from './directory-query';
import { readKeptDirectory } from './kept-directory-query';

const day = 86_400_000;
const base = Date.UTC(2024, 0, 1);
const channels = ['visit', 'meeting', 'call', 'email', 'wechat'];

/**
 * Random customers' histories, interleaved as in `$all` and back-dated at random, some facts at
 * the same instant (the stream version decides): registrations, assignments, interactions on
 * every channel, erasures.
 */
function historyOf(next: (n: number) => number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const versions = new Map<string, number>();
  const push = (customer: string, type: string, at: number, data: JsonObject = {}) => {
    const version = versions.get(customer) ?? 0;
    versions.set(customer, version + 1);
    const position = events.length + 1;
    events.push({
      position,
      eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      streamId: `customer-${customer}`,
      streamVersion: version,
      type,
      schemaVersion: 1,
      data,
      metadata: { occurredAt: new Date(at).toISOString() },
      recordedAt: new Date(base + position * 1000).toISOString(),
    });
  };
  const customers = Array.from({ length: 10 }, (_, i) => `d${i}`);
  for (const c of customers) push(c, 'CustomerRegistered', base + next(20) * day, { kind: 'organization', name: `Name ${c}` });
  for (let i = 0; i < 150; i++) {
    const c = customers[next(customers.length - 1)]; // the last one is never contacted
    const at = base + (30 + next(40)) * day; // few distinct days: equal instants happen
    if (next(5) === 0) push(c, 'AccountManagerAssigned', at, { managerId: `m${next(4)}` });
    else push(c, 'InteractionRecorded', at, { channel: channels[next(channels.length)] });
  }
  push('d2', 'CustomerErased', base + 50 * day);
  return events;
}

function suite(name: string, open: () => Promise<OpenedClient>) {
  describe(`the directory's kept latest facts (${name})`, () => {
    let client: SqlClient;
    let dispose: () => Promise<void>;
    let random = 69621;
    const next = (n: number) => (random = (random * 48271) % 2147483647) % n;
    const events = historyOf(next);
    const horizon = events.reduce((latest, e) => Math.max(latest, Date.parse(e.metadata.occurredAt)), 0);
    const whole = tableNamer(1);
    const inBatches = tableNamer(2);

    beforeAll(async () => {
      ({ client, dispose } = await open());
      await client.exec('create schema if not exists crm_read');
      for (const statement of [...customerDirectory.schema(whole), ...customerDirectory.schema(inBatches)]) await client.exec(statement);
      for (const table of customerDirectory.tables) await client.exec(`create view ${viewName(table)} as select * from ${whole(table)}`);
      await client.transaction((tx) => customerDirectory.apply({ tx, events, table: whole, more: false }));
      for (let i = 0; i < events.length; i += 9) {
        await client.transaction((tx) => customerDirectory.apply({ tx, events: events.slice(i, i + 9), table: inBatches, more: true }));
      }
      // A catch-up: the batches with more ready list the customers; the one that catches up keeps them.
      const [{ listed }] = await client.query<{ listed: number }>(`select count(*)::int as listed from ${inBatches('directory_unkept')}`);
      expect(listed).toBeGreaterThan(3);
      await client.transaction((tx) => customerDirectory.apply({ tx, events: [], table: inBatches, more: false }));
    });
    afterAll(() => dispose());

    it('answer, at the horizon and after it, what the facts as of T answer, for all and for one', async () => {
      for (const asOf of [horizon, horizon + 1, horizon + 400 * day].map((t) => new Date(t).toISOString())) {
        const kept = await readKeptDirectory(client, asOf);
        expect(kept).toEqual(await readDirectoryByFacts(client, asOf));
        for (const id of ['d0', 'd2', 'd9', 'nobody']) expect(await readKeptDirectory(client, asOf, id)).toEqual(await readDirectoryByFacts(client, asOf, id));
      }
      const kept = (await readKeptDirectory(client, new Date(horizon).toISOString()))!;
      expect(kept.map((e) => e.customerId)).not.toContain('d2');
      expect(kept.find((e) => e.customerId === 'd9')).toMatchObject({ managerId: null, lastInteractionAt: null, lastVisitAt: null });
      expect(kept.filter((e) => e.managerId !== null && e.lastVisitAt !== null && e.lastInteractionChannel !== null).length).toBeGreaterThan(5);
    });

    it('step aside before the horizon, where a later fact would count, and while customers wait to be kept', async () => {
      await client.exec(`insert into ${whole('directory_unkept')} values ('someone')`);
      expect(await readKeptDirectory(client, new Date(horizon).toISOString())).toBeUndefined();
      await client.exec(`delete from ${whole('directory_unkept')}`);
      expect(await readKeptDirectory(client, new Date(horizon).toISOString())).toBeDefined();
      expect(await readKeptDirectory(client, new Date(horizon - 1).toISOString())).toBeUndefined();
    });

    it('come out the same applied in small batches as in one', async () => {
      for (const table of customerDirectory.tables) {
        const rows = async (t: typeof whole) => client.query(`select * from ${t(table)} r order by r::text`);
        expect(await rows(inBatches)).toEqual(await rows(whole));
      }
    });
  });
}

for (const [name, open] of testClients) suite(name, open);
