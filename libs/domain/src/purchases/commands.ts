/**
 * Money is integer minor units (fen, cents) in fields named `...Minor`, with an ISO 4217
 * `currency` beside them: exact sums, no floating point, no parsing.
 */
export interface PurchaseLine {
  sku: string;
  category: string;
  /** Whole units, at least 1. */
  quantity: number;
  unitPriceMinor: number;
}

/**
 * The amount is the sum of the lines; a stated `amountMinor` must equal it. Cost is optional
 * and may be given as `costMinor`, as `marginMinor` (amount − cost), or as both if they agree.
 */
export interface PurchaseOrder {
  orderId: string;
  currency: string;
  lines: PurchaseLine[];
  amountMinor?: number;
  costMinor?: number;
  marginMinor?: number;
}

export interface Refund {
  orderId: string;
  /** Unique within the order, e.g. the credit note number. */
  refundId: string;
  amountMinor: number;
  currency: string;
  reason?: string;
}

/** The order id is unique per customer: an identical retry records nothing. */
export type RecordPurchase = { type: 'RecordPurchase'; data: PurchaseOrder };
export type RefundPurchase = { type: 'RefundPurchase'; data: Refund };

export type PurchaseCommand = RecordPurchase | RefundPurchase;
