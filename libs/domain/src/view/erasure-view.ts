import type { ErasureBasis } from '../erasure/commands';
import type { ErasedCustomerView, RegisteredCustomerView } from './customer-view';

/**
 * After erasure only what describes the stream, not the person, remains: the id, the erasure
 * and how many of each fact were recorded. Even non-identifying facts (ratings, amounts,
 * dates) go: attached to an id they still describe the person the id stood for.
 */
export function erasedCustomerView(view: RegisteredCustomerView, basis: ErasureBasis, at: string): ErasedCustomerView {
  const { complaints, purchases, interactions, surveys, competitorContacts } = view;
  return {
    customerId: view.customerId,
    status: 'erased',
    kind: null,
    name: null,
    industry: null,
    ownership: null,
    region: null,
    source: null,
    registeredAt: null,
    profileCard: null,
    accountManager: null,
    qualification: null,
    tierOverride: null,
    creditRating: null,
    starRating: null,
    partnership: null,
    churn: null,
    relationshipLevel: null,
    contacts: [],
    complaints: {
      openCount: complaints.openCount,
      resolvedCount: complaints.resolvedCount,
      closedCount: complaints.closedCount,
      items: [],
    },
    purchases: { orderCount: purchases.orderCount, totals: null, firstPurchaseAt: null, lastPurchaseAt: null },
    interactions: { count: interactions.count, last: null, plannedVisits: [] },
    surveys: { count: surveys.count, lastSatisfaction: null, lastNps: null },
    referralsMade: view.referralsMade,
    competitorContacts: { count: competitorContacts.count, last: null },
    complianceViolations: view.complianceViolations,
    erasure: { at, basis },
    lastEventAt: view.lastEventAt,
    streamVersion: view.streamVersion,
  };
}
