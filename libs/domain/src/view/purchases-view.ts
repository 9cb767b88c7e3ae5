import type { PurchaseEvent } from '../purchases/events';
import { earliestOf, latestOf } from '../shared/business-time';
import type { RegisteredCustomerView } from './customer-view';

export interface PurchasesView {
  readonly orderCount: number;
  /** Per ISO 4217 currency, in the order first bought in; never converted. */
  readonly totals: { readonly [currency: string]: MoneyTotals };
  readonly firstPurchaseAt: string | null;
  readonly lastPurchaseAt: string | null;
}

/** Integer minor units; `netMinor` = gross − refunded. */
export interface MoneyTotals {
  readonly grossMinor: number;
  readonly refundedMinor: number;
  readonly netMinor: number;
}

export const noPurchases: PurchasesView = { orderCount: 0, totals: {}, firstPurchaseAt: null, lastPurchaseAt: null };

const noMoney: MoneyTotals = { grossMinor: 0, refundedMinor: 0, netMinor: 0 };

export function evolvePurchasesView(
  view: RegisteredCustomerView,
  event: PurchaseEvent,
  at: string,
): RegisteredCustomerView {
  const { purchases } = view;
  if (event.type === 'PurchaseRefunded') {
    const { currency, amountMinor } = event.data;
    return { ...view, purchases: { ...purchases, totals: added(purchases.totals, currency, 0, amountMinor) } };
  }
  return {
    ...view,
    // As in the decider, a purchase wins a churned customer back.
    churn: null,
    purchases: {
      orderCount: purchases.orderCount + 1,
      totals: added(purchases.totals, event.data.currency, event.data.amountMinor, 0),
      firstPurchaseAt: earliestOf(purchases.firstPurchaseAt, at),
      lastPurchaseAt: latestOf(purchases.lastPurchaseAt, at),
    },
  };
}

function added(
  totals: PurchasesView['totals'],
  currency: string,
  grossMinor: number,
  refundedMinor: number,
): PurchasesView['totals'] {
  const sum = Object.hasOwn(totals, currency) ? totals[currency] : noMoney;
  const gross = sum.grossMinor + grossMinor;
  const refunded = sum.refundedMinor + refundedMinor;
  return { ...totals, [currency]: { grossMinor: gross, refundedMinor: refunded, netMinor: gross - refunded } };
}
