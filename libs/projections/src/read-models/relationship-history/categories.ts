import type { CustomerEvent } from '@crm/domain';

export type HistoryCategory = 'customer' | 'contacts' | 'interactions' | 'complaints' | 'commerce' | 'market' | 'other';

/** Every known type in one category; a type added to the domain does not compile until it is placed. */
const categories: { readonly [T in CustomerEvent['type']]: HistoryCategory } = {
  CustomerRegistered: 'customer',
  ProfileCardUpdated: 'customer',
  AccountManagerAssigned: 'customer',
  CustomerQualified: 'customer',
  CustomerDisqualified: 'customer',
  TierOverridden: 'customer',
  CreditRated: 'customer',
  StarRated: 'customer',
  PartnershipEstablished: 'customer',
  CustomerChurned: 'customer',
  CustomerErased: 'customer',
  ContactAdded: 'contacts',
  ContactUpdated: 'contacts',
  ContactRemoved: 'contacts',
  ContactErased: 'contacts',
  RelationshipLevelChanged: 'contacts',
  InteractionRecorded: 'interactions',
  VisitPlanned: 'interactions',
  SurveyAnswered: 'interactions',
  ComplaintFiled: 'complaints',
  ComplaintAcknowledged: 'complaints',
  ComplaintEscalated: 'complaints',
  ComplaintTransferred: 'complaints',
  ComplaintResolved: 'complaints',
  ComplaintReopened: 'complaints',
  ComplaintClosed: 'complaints',
  PurchaseRecorded: 'commerce',
  PurchaseRefunded: 'commerce',
  ReferralMade: 'market',
  CompetitorContactObserved: 'market',
  ComplianceViolationRecorded: 'market',
};

export const historyCategories: readonly HistoryCategory[] = ['customer', 'contacts', 'interactions', 'complaints', 'commerce', 'market', 'other'];

/** The category of a type; an unknown type (written by a newer version, or by another system) is `other`. */
export function categoryOf(type: string): HistoryCategory {
  return Object.hasOwn(categories, type) ? categories[type as CustomerEvent['type']] : 'other';
}
