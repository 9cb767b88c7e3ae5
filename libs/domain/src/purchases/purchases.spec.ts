import { customerDecider } from '../customer-decider';
import type { CustomerEvent } from '../customer-stream';
import { BusinessRuleViolation, DuplicateConflict, NotFound } from '../shared/errors';
import { given } from '../shared/specification';
import { notebookLines, purchaseRecorded, registered } from '../testing/customer-fixtures';
import type { RecordPurchase, RefundPurchase } from './commands';

const recorded = purchaseRecorded('o-1');
const record: RecordPurchase = { type: 'RecordPurchase', data: { orderId: 'o-1', currency: 'CNY', lines: notebookLines } };
const refunded = (refundId: string, amountMinor: number): CustomerEvent => ({
  type: 'PurchaseRefunded',
  data: { orderId: 'o-1', refundId, amountMinor, currency: 'CNY' },
});
const refund = (refundId: string, amountMinor: number): RefundPurchase => ({
  type: 'RefundPurchase',
  data: { orderId: 'o-1', refundId, amountMinor, currency: 'CNY' },
});

describe('RecordPurchase', () => {
  it('records the order with its amount, the sum of its lines', () => {
    given(customerDecider, [registered]).when(record).then([recorded]);
  });

  it('accepts a stated amount that equals the sum of the lines', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, amountMinor: 999_000 } })
      .then([recorded]);
  });

  it('refuses a stated amount that differs from the sum of the lines', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, amountMinor: 1_000_000 } })
      .thenThrows(BusinessRuleViolation, { rule: 'purchase.amount_mismatch', path: 'amountMinor' });
  });

  it('records the cost when known', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, costMinor: 850_000 } })
      .then([purchaseRecorded('o-1', { costMinor: 850_000 })]);
  });

  it('derives the cost from a margin', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, marginMinor: 149_000 } })
      .then([purchaseRecorded('o-1', { costMinor: 850_000 })]);
  });

  it('records a sale below cost as a negative margin', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, marginMinor: -1_000 } })
      .then([purchaseRecorded('o-1', { costMinor: 1_000_000 })]);
  });

  it('accepts cost and margin together only when they agree', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, costMinor: 850_000, marginMinor: 149_000 } })
      .then([purchaseRecorded('o-1', { costMinor: 850_000 })]);
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, costMinor: 850_000, marginMinor: 100_000 } })
      .thenThrows(BusinessRuleViolation, { rule: 'purchase.margin_disagrees_with_cost', path: 'marginMinor' });
  });

  it('refuses a margin above the amount, which would be a negative cost', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, marginMinor: 999_001 } })
      .thenThrows(BusinessRuleViolation, { rule: 'purchase.margin_exceeds_amount', path: 'marginMinor' });
  });

  it('refuses a negative cost', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, costMinor: -1 } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'costMinor' });
  });

  it('records nothing when an identical order is retried', () => {
    given(customerDecider, [registered, recorded, refunded('r-1', 9_900)]).when(record).then([]);
  });

  it('refuses a different order under a taken order id', () => {
    given(customerDecider, [registered, recorded])
      .when({ ...record, data: { ...record.data, lines: notebookLines.slice(0, 1) } })
      .thenThrows(DuplicateConflict, { entity: 'order', id: 'o-1' });
  });

  it('needs at least one line', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, lines: [] } })
      .thenThrows(BusinessRuleViolation, { rule: 'purchase.no_lines', path: 'lines' });
  });

  it.each([
    ['lines[1].quantity', { quantity: 0 }],
    ['lines[1].quantity', { quantity: 1.5 }],
    ['lines[1].unitPriceMinor', { unitPriceMinor: -1 }],
    ['lines[1].unitPriceMinor', { unitPriceMinor: 99.5 }],
  ])('needs whole positive quantities and whole non-negative prices (%s)', (path, change) => {
    const lines = [notebookLines[0], { ...notebookLines[1], ...change }];
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, lines } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path });
  });

  it('accepts free items', () => {
    const lines = [{ sku: 'BAG-01', category: 'accessories', quantity: 1, unitPriceMinor: 0 }];
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, lines } })
      .then([purchaseRecorded('o-1', { lines, amountMinor: 0 })]);
  });

  it('refuses an amount too large to count exactly', () => {
    const lines = [{ sku: 'X', category: 'x', quantity: 2, unitPriceMinor: Number.MAX_SAFE_INTEGER - 1 }];
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, lines } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'lines' });
  });

  it('needs the sku and category of each line', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, lines: [{ ...notebookLines[0], sku: '' }] } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'lines[0].sku' });
  });

  it('needs an ISO 4217 currency', () => {
    given(customerDecider, [registered])
      .when({ ...record, data: { ...record.data, currency: 'rmb' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_a_currency', path: 'currency' });
  });
});

describe('RefundPurchase', () => {
  it('refunds part of an order', () => {
    given(customerDecider, [registered, recorded]).when(refund('r-1', 99_000)).then([refunded('r-1', 99_000)]);
  });

  it('refunds what remains of the order, in several refunds', () => {
    given(customerDecider, [registered, recorded, refunded('r-1', 99_000)])
      .when(refund('r-2', 900_000))
      .then([refunded('r-2', 900_000)]);
  });

  it('refuses a refund beyond what remains of the order', () => {
    given(customerDecider, [registered, recorded, refunded('r-1', 99_000)])
      .when(refund('r-2', 900_001))
      .thenThrows(BusinessRuleViolation, { rule: 'refund.exceeds_remaining', path: 'amountMinor' });
    given(customerDecider, [registered, recorded, refunded('r-1', 999_000)])
      .when(refund('r-2', 1))
      .thenThrows(BusinessRuleViolation, { rule: 'refund.exceeds_remaining', path: 'amountMinor' });
  });

  it('records the reason when given', () => {
    given(customerDecider, [registered, recorded])
      .when({ type: 'RefundPurchase', data: { ...refund('r-1', 9_900).data, reason: 'Mouse returned.' } })
      .then([{ type: 'PurchaseRefunded', data: { ...refund('r-1', 9_900).data, reason: 'Mouse returned.' } }]);
  });

  it('refuses a refund of an unknown order', () => {
    given(customerDecider, [registered, recorded])
      .when({ type: 'RefundPurchase', data: { ...refund('r-1', 100).data, orderId: 'o-404' } })
      .thenThrows(NotFound, { entity: 'order', id: 'o-404' });
  });

  it('refunds only in the currency of the order', () => {
    given(customerDecider, [registered, recorded])
      .when({ type: 'RefundPurchase', data: { ...refund('r-1', 100).data, currency: 'USD' } })
      .thenThrows(BusinessRuleViolation, { rule: 'refund.currency_mismatch', path: 'currency' });
  });

  it('records nothing when an identical refund is retried, even when nothing remains', () => {
    given(customerDecider, [registered, recorded, refunded('r-1', 999_000)]).when(refund('r-1', 999_000)).then([]);
  });

  it('refuses a different refund under a taken refund id', () => {
    given(customerDecider, [registered, recorded, refunded('r-1', 9_900)])
      .when(refund('r-1', 19_800))
      .thenThrows(DuplicateConflict, { entity: 'refund', id: 'r-1' });
  });

  it.each([0, -100, 10.5])('needs a whole positive amount, not %p', (amountMinor) => {
    given(customerDecider, [registered, recorded])
      .when(refund('r-1', amountMinor))
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'amountMinor' });
  });
});
