import type { PurchaseLine, Refund } from './commands';

export type PurchaseRecorded = {
  type: 'PurchaseRecorded';
  data: { orderId: string; currency: string; lines: PurchaseLine[]; amountMinor: number; costMinor?: number };
};
export type PurchaseRefunded = { type: 'PurchaseRefunded'; data: Refund };

export type PurchaseEvent = PurchaseRecorded | PurchaseRefunded;
