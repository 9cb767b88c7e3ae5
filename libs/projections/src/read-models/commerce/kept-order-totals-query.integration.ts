import type { JsonObject, RecordedEvent, SqlClient } from '@crm/event-store';
import type { TableNamer } from '../../projection';
import { appliedWholeAndInBatches, CustomerHistories, expectSameTables, seeded } from '../../testing/customer-histories';
import { testClients, type OpenedClient } from '../../testing/test-clients';
import { commerce } from './definition';
import { readKeptOrderTotals } from './kept-order-totals-query';
import { readKeptWindowTotals } from './kept-window-totals-query';
import { readOrderTotalsByOrder } from './order-totals-query';

const day = 86_400_000;
const base = Date.UTC(2024, 0, 1);

/**
 * Random customers' histories, interleaved as in `$all` and back-dated at random: registrations,
 * orders in two currencies with and without cost, refunds in part, in full and beyond, erasures.
 */
function historyOf(next: (n: number) => number): RecordedEvent[] {
  const log = new CustomerHistories(base);
  const orders = new Map<string, { id: string; amount: number }[]>();
  const push = (customer: string, type: string, dayOf: number, data: JsonObject = {}) => log.push(customer, type, base + dayOf * day + next(1000), data);

  const customers = Array.from({ length: 12 }, (_, i) => `k${i}`);
  for (const c of customers) push(c, 'CustomerRegistered', next(30));
  // A customer whose every order is refunded in full, who orders again later: its totals row counts nothing in between.
  const again = (id: string, dayOf: number) => push('z', 'PurchaseRecorded', dayOf, { orderId: id, currency: 'CNY', amountMinor: 5000, costMinor: 1200, lines: [{ category: 'booths' }] });
  push('z', 'CustomerRegistered', 1);
  again('SO-z-0', 35);
  for (let i = 0; i < 160; i++) {
    if (i === 80) push('z', 'PurchaseRefunded', 60, { orderId: 'SO-z-0', amountMinor: 5000 });
    const c = customers[next(customers.length)];
    const own = orders.get(c) ?? [];
    if (own.length > 0 && next(4) === 0) {
      const order = own[next(own.length)];
      push(c, 'PurchaseRefunded', 40 + next(300), { orderId: order.id, amountMinor: [order.amount, Math.ceil(order.amount / 3), order.amount + 1][next(3)] });
    } else {
      const amount = 1 + next(90_000);
      const id = `SO-${c}-${own.length}`;
      own.push({ id, amount });
      orders.set(c, own);
      const cost: JsonObject = next(5) === 0 ? {} : { costMinor: next(amount) };
      push(c, 'PurchaseRecorded', 30 + next(300), { orderId: id, currency: next(6) === 0 ? 'USD' : 'CNY', amountMinor: amount, ...cost, lines: [{ category: 'booths' }] });
    }
  }
  again('SO-z-1', 90);
  push('k3', 'CustomerErased', 200);
  push('k7', 'CustomerErased', 320);
  return log.events;
}

function suite(name: string, open: () => Promise<OpenedClient>) {
  describe(`the kept order totals (${name})`, () => {
    let client: SqlClient;
    let dispose: () => Promise<void>;
    const next = seeded(16807);
    const events = historyOf(next);
    const horizon = Math.max(...events.map((e) => Date.parse(e.metadata.occurredAt)));
    let whole: TableNamer;
    let inBatches: TableNamer;
    let live: TableNamer;

    beforeAll(async () => {
      ({ client, dispose } = await open());
      // Whole; as a catch-up (the batches with more ready list the customers, the one that catches up keeps them); as a live lane.
      ({ whole, inBatches, live } = await appliedWholeAndInBatches(client, commerce, events, 7, 'commerce_unkept'));
    });
    afterAll(() => dispose());

    it('answer, at the horizon and after it, what the orders and refunds as of T answer', async () => {
      for (const asOf of [horizon, horizon + 1, horizon + 400 * day].map((t) => new Date(t).toISOString())) {
        for (const currency of ['CNY', 'USD']) {
          const kept = await readKeptOrderTotals(client, asOf, currency);
          expect(kept).toEqual(await readOrderTotalsByOrder(client, { asOf, currency }));
        }
      }
      const kept = (await readKeptOrderTotals(client, new Date(horizon).toISOString(), 'CNY'))!;
      // The fixture holds what the rules tell apart: erased customers, costless orders, refunded ones, another currency.
      expect(kept.excludedErased).toBe(2);
      expect(kept.excludedOrders).toBeGreaterThan(0);
      expect(kept.totals.some((t) => t.profitMinor === null)).toBe(true);
      expect(kept.totals.some((t) => t.profitMinor !== null)).toBe(true);
      const [{ uncounted }] = await client.query<{ uncounted: number }>(`select count(*)::int as uncounted from ${whole('commerce_totals')} where placed > orders`);
      expect(uncounted).toBeGreaterThan(0);
    });

    it('answer a window of orders too, at the horizon and after it, with each order net of all its refunds', async () => {
      let windows = 0;
      for (const asOf of [horizon, horizon + 400 * day].map((t) => new Date(t).toISOString())) {
        for (const fromDay of [0, 100, 150, 200, 250, 400]) {
          const from = new Date(base + fromDay * day).toISOString();
          for (const currency of ['CNY', 'USD']) {
            const kept = await readKeptWindowTotals(client, asOf, from, currency);
            expect({ from, kept }).toEqual({ from, kept: await readOrderTotalsByOrder(client, { asOf, from, currency }) });
            if (kept!.totals.length > 0) windows++;
          }
        }
      }
      expect(windows).toBeGreaterThan(12);
    });

    it('step aside before the horizon, where a later fact would count, and while customers wait to be kept', async () => {
      await client.exec(`insert into ${whole('commerce_unkept')} values ('someone')`);
      expect(await readKeptOrderTotals(client, new Date(horizon).toISOString(), 'CNY')).toBeUndefined();
      await client.exec(`delete from ${whole('commerce_unkept')}`);
      expect(await readKeptOrderTotals(client, new Date(horizon).toISOString(), 'CNY')).toBeDefined();
      const before = new Date(horizon - 1).toISOString();
      expect(await readKeptOrderTotals(client, before, 'CNY')).toBeUndefined();
      expect(await readKeptWindowTotals(client, before, new Date(base).toISOString(), 'CNY')).toBeUndefined();
    });

    it('come out the same applied in small batches, catching up or caught up, as in one', async () => {
      await expectSameTables(client, commerce, whole, inBatches, live);
    });
  });
}

for (const [name, open] of testClients) suite(name, open);
