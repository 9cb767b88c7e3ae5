import type { JsonObject, RecordedEvent, SqlClient } from '@crm/event-store';
import { tableNamer, type TableNamer } from '../../projection';
import { appliedWholeAndInBatches, CustomerHistories, expectSameTables, seeded } from '../../testing/customer-histories';
import { testClients, type OpenedClient } from '../../testing/test-clients';
import type { StoredCareFact } from './care-facts';
import { readCareFacts } from './care-query';
import type { CareDateSource } from './agenda-dates';
import { careSourcesOf, foldCareFacts } from './care-sources';
import { careAgenda } from './definition';
import { readKeptCareSources, type KeptCareSource } from './kept-care-sources-query';

const day = 86_400_000;
const base = Date.UTC(2024, 0, 1);

/**
 * Random customers' cards and contacts, interleaved as in `$all` and back-dated at random:
 * birthdays set and cleared, family and anniversaries replaced, contacts added, renamed,
 * removed and erased (and named no more), a customer erased.
 */
function historyOf(next: (n: number) => number): RecordedEvent[] {
  const log = new CustomerHistories(base);
  const push = (customer: string, type: string, dayOf: number, data: JsonObject) => log.push(customer, type, base + dayOf * day, data);

  const customers = Array.from({ length: 8 }, (_, i) => `a${i}`);
  const erased = new Set<string>();
  const date = () => `19${50 + next(50)}-0${1 + next(9)}-${10 + next(18)}`;
  for (let i = 0; i < 140; i++) {
    const c = customers[next(customers.length)];
    const contactId = `ct-${next(4)}`;
    const dayOf = next(60); // few distinct days: equal instants happen
    // As the decider allows: nothing names a contact once erased.
    if (erased.has(`${c}/${contactId}`)) continue;
    switch (next(6)) {
      case 0:
        push(c, 'ProfileCardUpdated', dayOf, next(3) === 0 ? { birthday: null } : { birthday: date() });
        break;
      case 1:
        push(c, 'ProfileCardUpdated', dayOf, { family: next(2) === 0 ? [] : [{ relation: 'son', name: `Son ${i}`, birthday: date() }], anniversaries: [{ label: `Day ${i}`, date: date() }] });
        break;
      case 2:
        push(c, 'ContactAdded', dayOf, { contactId, name: `Contact ${i}`, birthday: date() });
        break;
      case 3:
        push(c, 'ContactUpdated', dayOf, next(2) === 0 ? { contactId, name: `Renamed ${i}` } : { contactId, birthday: null });
        break;
      case 4:
        push(c, 'ContactRemoved', dayOf, { contactId });
        break;
      default:
        push(c, 'ContactErased', dayOf, { contactId });
        erased.add(`${c}/${contactId}`);
    }
  }
  push('a5', 'CustomerErased', 30, {});
  return log.events;
}

/** Every customer's care dates at T folded from the facts as of T, named by id; in each customer's order, customers by id. */
async function foldedAt(client: SqlClient, asOf: string): Promise<CareDateSource[]> {
  const facts = new Map<string, StoredCareFact[]>();
  for (const f of await readCareFacts(client, asOf)) facts.set(f.customerId, [...(facts.get(f.customerId) ?? []), f]);
  return [...facts].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([id, own]) => careSourcesOf(id, `name of ${id}`, foldCareFacts(own, Date.parse(asOf))));
}

const named = (kept: readonly KeptCareSource[]) => kept.map((s) => ({ ...s, label: s.label ?? `name of ${s.customerId}` }));

function suite(name: string, open: () => Promise<OpenedClient>) {
  describe(`the kept care dates (${name})`, () => {
    let client: SqlClient;
    let dispose: () => Promise<void>;
    const next = seeded(40692);
    const events = historyOf(next);
    const horizon = Math.max(...events.map((e) => Date.parse(e.metadata.occurredAt)));
    let whole: TableNamer;
    let inBatches: TableNamer;
    let live: TableNamer;

    beforeAll(async () => {
      ({ client, dispose } = await open());
      // Whole; as a catch-up (the batches with more ready list the customers, the one that catches up keeps them); as a live lane.
      ({ whole, inBatches, live } = await appliedWholeAndInBatches(client, careAgenda, events, 6, 'care_unkept'));
    });
    afterAll(() => dispose());

    it('are, at the horizon and after it, the dates folded from the facts as of T, for all, for one and by month-day', async () => {
      for (const asOf of [horizon, horizon + 400 * day].map((t) => new Date(t).toISOString())) {
        const folded = await foldedAt(client, asOf);
        expect(named((await readKeptCareSources(client, asOf, null))!)).toEqual(folded);
        expect(named((await readKeptCareSources(client, asOf, null, 'a1'))!)).toEqual(folded.filter((s) => s.customerId === 'a1'));
        const monthDays = [...new Set(folded.map((s) => s.date.slice(5)))].filter((_, i) => i % 3 === 0);
        const some = folded.filter((s) => monthDays.includes(s.date.slice(5)));
        expect(some.length).toBeLessThan(folded.length);
        expect(named((await readKeptCareSources(client, asOf, monthDays))!)).toEqual(some);
      }
      const kept = (await readKeptCareSources(client, new Date(horizon).toISOString(), null))!;
      expect(kept.some((s) => s.customerId === 'a5')).toBe(false); // erased
      for (const kind of ['birthday', 'family-birthday', 'anniversary', 'contact-birthday']) expect(kept.some((s) => s.kind === kind)).toBe(true);
    });

    it('step aside before the horizon, where a later fact would count, and while customers wait to be kept', async () => {
      await client.exec(`insert into ${whole('care_unkept')} values ('someone')`);
      expect(await readKeptCareSources(client, new Date(horizon).toISOString(), null)).toBeUndefined();
      await client.exec(`delete from ${whole('care_unkept')}`);
      expect(await readKeptCareSources(client, new Date(horizon).toISOString(), null)).toBeDefined();
      expect(await readKeptCareSources(client, new Date(horizon - 1).toISOString(), null)).toBeUndefined();
    });

    it("drop an erased customer's dates at once, even in a catch-up", async () => {
      const stepped = tableNamer(4); // after the three of appliedWholeAndInBatches
      for (const statement of careAgenda.schema(stepped)) await client.exec(statement);
      const erasure = events.findIndex((e) => e.type === 'CustomerErased');
      await client.transaction((tx) => careAgenda.apply({ tx, events: events.slice(0, erasure), table: stepped, more: false }));
      const of = async () => (await client.query<{ n: number }>(`select count(*)::int as n from ${stepped('care_sources')} where customer_id = 'a5'`))[0].n;
      expect(await of()).toBeGreaterThan(0);
      await client.transaction((tx) => careAgenda.apply({ tx, events: events.slice(erasure), table: stepped, more: true }));
      expect(await of()).toBe(0);
    });

    it('come out the same applied in small batches, catching up or caught up, as in one', async () => {
      await expectSameTables(client, careAgenda, whole, inBatches, live);
    });
  });
}

for (const [name, open] of testClients) suite(name, open);
