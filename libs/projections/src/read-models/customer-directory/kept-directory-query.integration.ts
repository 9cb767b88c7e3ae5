import type { RecordedEvent, SqlClient } from '@crm/event-store';
import type { TableNamer } from '../../projection';
import { appliedWholeAndInBatches, CustomerHistories, expectSameTables, seeded } from '../../testing/customer-histories';
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
  const log = new CustomerHistories(base);
  const push = log.push.bind(log);
  const customers = Array.from({ length: 10 }, (_, i) => `d${i}`);
  for (const c of customers) push(c, 'CustomerRegistered', base + next(20) * day, { kind: 'organization', name: `Name ${c}` });
  for (let i = 0; i < 150; i++) {
    const c = customers[next(customers.length - 1)]; // the last one is never contacted
    const at = base + (30 + next(40)) * day; // few distinct days: equal instants happen
    if (next(5) === 0) push(c, 'AccountManagerAssigned', at, { managerId: `m${next(4)}` });
    else push(c, 'InteractionRecorded', at, { channel: channels[next(channels.length)] });
  }
  push('d2', 'CustomerErased', base + 50 * day);
  return log.events;
}

function suite(name: string, open: () => Promise<OpenedClient>) {
  describe(`the directory's kept latest facts (${name})`, () => {
    let client: SqlClient;
    let dispose: () => Promise<void>;
    const events = historyOf(seeded(69621));
    const horizon = Math.max(...events.map((e) => Date.parse(e.metadata.occurredAt)));
    let whole: TableNamer;
    let inBatches: TableNamer;
    let live: TableNamer;

    beforeAll(async () => {
      ({ client, dispose } = await open());
      // Whole; as a catch-up (the batches with more ready list the customers, the one that catches up keeps them); as a live lane.
      ({ whole, inBatches, live } = await appliedWholeAndInBatches(client, customerDirectory, events, 9, 'directory_unkept'));
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

    it('come out the same applied in small batches, catching up or caught up, as in one', async () => {
      await expectSameTables(client, customerDirectory, whole, inBatches, live);
    });
  });
}

for (const [name, open] of testClients) suite(name, open);
