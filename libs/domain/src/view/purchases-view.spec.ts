import type { RecordPurchase, RefundPurchase } from '../purchases/commands';
import { notebookLines } from '../testing/customer-fixtures';
import { expectView, registeredHistory, registeredView } from '../testing/customer-history';

const t1 = '2024-03-02T10:00:00.000Z';
const t2 = '2024-03-03T11:00:00.000Z';
const t3 = '2024-03-04T12:00:00.000Z';

const buy = (orderId: string, currency = 'CNY'): RecordPurchase => ({
  type: 'RecordPurchase',
  data: { orderId, currency, lines: notebookLines },
});

const refund = (orderId: string, refundId: string, amountMinor: number, currency = 'CNY'): RefundPurchase => ({
  type: 'RefundPurchase',
  data: { orderId, refundId, amountMinor, currency },
});

describe('purchases in the view', () => {
  it('counts orders and sums them per currency, gross, refunded and net', () => {
    const history = registeredHistory()
      .at(t1, buy('o-1'), buy('o-2', 'USD'))
      .at(t2, buy('o-3'), refund('o-1', 'cn-1', 99_000), refund('o-1', 'cn-2', 900_000))
      .at(t2, refund('o-2', 'cn-3', 9_900, 'USD'));
    expectView(history.events, {
      ...registeredView,
      purchases: {
        orderCount: 3,
        totals: {
          CNY: { grossMinor: 1_998_000, refundedMinor: 999_000, netMinor: 999_000 },
          USD: { grossMinor: 999_000, refundedMinor: 9_900, netMinor: 989_100 },
        },
        firstPurchaseAt: t1,
        lastPurchaseAt: t2,
      },
      lastEventAt: t2,
      streamVersion: 6,
    });
  });

  it('dates the first and last purchase by business time, a backdated order included', () => {
    const history = registeredHistory().at(t2, buy('o-1')).at(t3, buy('o-2')).at(t1, buy('o-0'));
    expectView(history.events, {
      ...registeredView,
      purchases: {
        orderCount: 3,
        totals: { CNY: { grossMinor: 2_997_000, refundedMinor: 0, netMinor: 2_997_000 } },
        firstPurchaseAt: t1,
        lastPurchaseAt: t3,
      },
      lastEventAt: t3,
      streamVersion: 3,
    });
  });

  it('compares instants, not their text, when the zones differ', () => {
    const history = registeredHistory()
      .at('2024-03-02T17:00:00+08:00', buy('o-1'))
      .at('2024-03-02T08:30:00Z', buy('o-2'));
    expectView(history.events, {
      ...registeredView,
      purchases: {
        orderCount: 2,
        totals: { CNY: { grossMinor: 1_998_000, refundedMinor: 0, netMinor: 1_998_000 } },
        firstPurchaseAt: '2024-03-02T08:30:00Z',
        lastPurchaseAt: '2024-03-02T17:00:00+08:00',
      },
      lastEventAt: '2024-03-02T17:00:00+08:00',
      streamVersion: 2,
    });
  });
});
