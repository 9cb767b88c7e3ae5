/** Events and values the specifications share. */
import type { CustomerChurned } from '../churn/events';
import type { ComplaintFiled } from '../complaints/events';
import type { Contact } from '../contacts/commands';
import type { ContactAdded } from '../contacts/events';
import type { CustomerDisqualified, CustomerQualified, CustomerRegistered } from '../customer/events';
import type { PartnershipEstablished } from '../partnership/events';
import type { PurchaseLine } from '../purchases/commands';
import type { PurchaseRecorded } from '../purchases/events';
import { defaultOccurredAt } from '../shared/specification';

export const customerId = 'c-yigao-hz-001';

export const registered: CustomerRegistered = {
  type: 'CustomerRegistered',
  data: {
    customerId,
    kind: 'organization',
    name: '颐高数码 杭州文三路店',
    industry: 'IT retail',
    ownership: 'private',
    region: 'Hangzhou',
    source: 'trade-fair',
  },
};

export const qualified: CustomerQualified = { type: 'CustomerQualified', data: { requalified: false } };
export const disqualified: CustomerDisqualified = { type: 'CustomerDisqualified', data: { reason: 'No budget, no need.' } };
export const partnered: PartnershipEstablished = { type: 'PartnershipEstablished', data: {} };
export const churned: CustomerChurned = { type: 'CustomerChurned', data: { reason: 'competitor', competitor: '百脑汇' } };

export function contactAdded(contactId: string, more: Partial<Contact> = {}): ContactAdded {
  return {
    type: 'ContactAdded',
    data: { contactId, name: `Contact ${contactId}`, level: 'middle', role: 'influencer', ...more },
  };
}

/** When the fixtures' complaints are filed (`complaintFiled`'s `dueAt` counts from it): the specs' default business time. */
export const filedAt = defaultOccurredAt;

export function complaintFiled(complaintId: string, more: Partial<ComplaintFiled['data']> = {}): ComplaintFiled {
  return {
    type: 'ComplaintFiled',
    data: {
      complaintId,
      category: 'delivery',
      severity: 'high',
      channel: 'call',
      description: 'Two pallets of notebooks arrived a week late.',
      owner: 'agent-wang',
      dueAt: '2024-03-02T09:00:00.000Z',
      ...more,
    },
  };
}

export const notebookLines: PurchaseLine[] = [
  { sku: 'NB-T14', category: 'notebooks', quantity: 2, unitPriceMinor: 450_000 },
  { sku: 'MS-M720', category: 'accessories', quantity: 10, unitPriceMinor: 9_900 },
];

/** 2 × 4,500.00 + 10 × 99.00 = 9,990.00 CNY */
export function purchaseRecorded(orderId: string, more: Partial<PurchaseRecorded['data']> = {}): PurchaseRecorded {
  return {
    type: 'PurchaseRecorded',
    data: { orderId, currency: 'CNY', lines: notebookLines, amountMinor: 999_000, ...more },
  };
}

/** A value from outside the type, as an unvalidated caller could send it. */
export function untrusted<T extends string>(value: string): T {
  return value as T;
}
