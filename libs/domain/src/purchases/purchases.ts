import type { CustomerEvent, RegisteredCustomer } from '../customer-stream';
import { commandTypes } from '../shared/decider';
import { BusinessRuleViolation, DuplicateConflict, NotFound } from '../shared/errors';
import { fingerprint, optional } from '../shared/json';
import { emptyKeyed, getKeyed, type Keyed, setKeyed } from '../shared/keyed';
import { requireCurrency, requireText, requireWholeNumber } from '../shared/validation';
import type { PurchaseCommand, PurchaseOrder, Refund } from './commands';
import type { PurchaseEvent, PurchaseRecorded, PurchaseRefunded } from './events';

export interface OrderState {
  /** Fingerprint of the PurchaseRecorded data, to tell a retry from a clash of order ids. */
  readonly recorded: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly refundedMinor: number;
  /** Refund id and fingerprint of each refund of the order. */
  readonly refunds: readonly (readonly [refundId: string, fingerprint: string])[];
}

export type OrdersState = Keyed<OrderState>;

export const initialOrders: OrdersState = emptyKeyed();

export const isPurchaseCommand = commandTypes<PurchaseCommand>({ RecordPurchase: true, RefundPurchase: true });

export function decidePurchases(command: PurchaseCommand, state: RegisteredCustomer): PurchaseEvent[] {
  return command.type === 'RecordPurchase' ? recordPurchase(command.data, state) : refundPurchase(command.data, state);
}

function recordPurchase(order: PurchaseOrder, state: RegisteredCustomer): PurchaseRecorded[] {
  const { orderId, currency, lines } = order;
  requireText(orderId, 'orderId');
  requireCurrency(currency, 'currency');
  if (lines.length === 0) {
    throw new BusinessRuleViolation('purchase.no_lines', 'A purchase needs at least one line.', 'lines');
  }
  let amountMinor = 0;
  lines.forEach((line, i) => {
    requireText(line.sku, `lines[${i}].sku`);
    requireText(line.category, `lines[${i}].category`);
    requireWholeNumber(line.quantity, `lines[${i}].quantity`, { min: 1 });
    requireWholeNumber(line.unitPriceMinor, `lines[${i}].unitPriceMinor`, { min: 0 });
    amountMinor += line.quantity * line.unitPriceMinor;
    if (!Number.isSafeInteger(amountMinor)) {
      throw new BusinessRuleViolation(
        'value.out_of_range',
        'The lines add up to more than can be counted exactly.',
        'lines',
      );
    }
  });
  if (order.amountMinor !== undefined && order.amountMinor !== amountMinor) {
    throw new BusinessRuleViolation(
      'purchase.amount_mismatch',
      `The stated amount ${order.amountMinor} differs from the sum of the lines, ${amountMinor}.`,
      'amountMinor',
    );
  }
  const recorded: PurchaseRecorded = {
    type: 'PurchaseRecorded',
    data: {
      orderId,
      currency,
      lines: lines.map(({ sku, category, quantity, unitPriceMinor }) => ({ sku, category, quantity, unitPriceMinor })),
      amountMinor,
      ...optional('costMinor', cost(order, amountMinor)),
    },
  };
  const existing = getKeyed(state.orders, orderId);
  if (existing) {
    if (existing.recorded === fingerprint(recorded.data)) return [];
    throw new DuplicateConflict('order', orderId);
  }
  return [recorded];
}

function cost({ costMinor, marginMinor }: PurchaseOrder, amountMinor: number): number | undefined {
  if (costMinor !== undefined) requireWholeNumber(costMinor, 'costMinor', { min: 0 });
  if (marginMinor === undefined) return costMinor;
  requireWholeNumber(marginMinor, 'marginMinor');
  if (marginMinor > amountMinor) {
    throw new BusinessRuleViolation(
      'purchase.margin_exceeds_amount',
      `A margin of ${marginMinor} on an amount of ${amountMinor} would mean a negative cost.`,
      'marginMinor',
    );
  }
  if (costMinor !== undefined && amountMinor - costMinor !== marginMinor) {
    throw new BusinessRuleViolation(
      'purchase.margin_disagrees_with_cost',
      `A cost of ${costMinor} on an amount of ${amountMinor} is a margin of ${amountMinor - costMinor}, ` +
        `not ${marginMinor}.`,
      'marginMinor',
    );
  }
  return amountMinor - marginMinor;
}

function refundPurchase(refund: Refund, state: RegisteredCustomer): PurchaseRefunded[] {
  const { orderId, refundId, amountMinor, currency, reason } = refund;
  requireText(refundId, 'refundId');
  requireWholeNumber(amountMinor, 'amountMinor', { min: 1 });
  requireCurrency(currency, 'currency');
  const order = getKeyed(state.orders, orderId);
  if (!order) throw new NotFound('order', orderId);
  const refunded: PurchaseRefunded = {
    type: 'PurchaseRefunded',
    data: { orderId, refundId, amountMinor, currency, ...optional('reason', reason) },
  };
  const earlier = order.refunds.find(([id]) => id === refundId);
  if (earlier) {
    if (earlier[1] === fingerprint(refunded.data)) return [];
    throw new DuplicateConflict('refund', refundId);
  }
  if (currency !== order.currency) {
    throw new BusinessRuleViolation(
      'refund.currency_mismatch',
      `Order ${orderId} was paid in ${order.currency}; it cannot be refunded in ${currency}.`,
      'currency',
    );
  }
  const remainingMinor = order.amountMinor - order.refundedMinor;
  if (amountMinor > remainingMinor) {
    throw new BusinessRuleViolation(
      'refund.exceeds_remaining',
      `Order ${orderId} has ${remainingMinor} left to refund; ${amountMinor} is more.`,
      'amountMinor',
    );
  }
  return [refunded];
}

export function evolveOrders(orders: OrdersState, event: CustomerEvent): OrdersState {
  switch (event.type) {
    case 'PurchaseRecorded':
      return setKeyed(orders, event.data.orderId, {
        recorded: fingerprint(event.data),
        currency: event.data.currency,
        amountMinor: event.data.amountMinor,
        refundedMinor: 0,
        refunds: [],
      });
    case 'PurchaseRefunded': {
      const order = getKeyed(orders, event.data.orderId);
      if (!order) return orders;
      return setKeyed(orders, event.data.orderId, {
        ...order,
        refundedMinor: order.refundedMinor + event.data.amountMinor,
        refunds: [...order.refunds, [event.data.refundId, fingerprint(event.data)]],
      });
    }
    default:
      return orders;
  }
}
