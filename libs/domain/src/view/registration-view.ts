import type { Registration } from '../customer/commands';
import { blankProfileCard } from './account-view';
import { noComplaints } from './complaints-view';
import type { RegisteredCustomerView } from './customer-view';
import { noInteractions, noSurveys } from './interactions-view';
import { noPurchases } from './purchases-view';
import { erasable } from './updates';

export function registeredCustomerView(
  registration: Registration,
  at: string,
  streamVersion: number,
): RegisteredCustomerView {
  return {
    customerId: registration.customerId,
    status: 'active',
    kind: registration.kind,
    name: erasable(registration.name),
    industry: registration.industry ?? null,
    ownership: registration.ownership ?? null,
    region: registration.region ?? null,
    source: registration.source ?? null,
    registeredAt: at,
    profileCard: blankProfileCard,
    accountManager: { managerId: null, since: null },
    qualification: { state: null, reason: null, at: null },
    tierOverride: null,
    creditRating: null,
    starRating: null,
    partnership: null,
    churn: null,
    relationshipLevel: 'stranger',
    contacts: [],
    complaints: noComplaints,
    purchases: noPurchases,
    interactions: noInteractions,
    surveys: noSurveys,
    referralsMade: 0,
    competitorContacts: { count: 0, last: null },
    complianceViolations: 0,
    erasure: null,
    lastEventAt: at,
    streamVersion,
  };
}
