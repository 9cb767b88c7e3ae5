export * from './shared/decider';
export * from './shared/errors';
export { getKeyed, keyedEntries, type Keyed } from './shared/keyed';
export * from './customer-stream';
export * from './customer-decider';
export * from './customer/commands';
export * from './customer/events';
export type { AccountState } from './customer/account';
export * from './ratings/commands';
export * from './ratings/events';
export * from './partnership/commands';
export * from './partnership/events';
export * from './churn/commands';
export * from './churn/events';
export * from './erasure/commands';
export * from './erasure/events';
export * from './contacts/commands';
export * from './contacts/events';
export type { ContactState, ContactsState } from './contacts/contacts';
export * from './interactions/commands';
export * from './interactions/events';
export * from './complaints/commands';
export * from './complaints/events';
export type { ComplaintState, ComplaintStatus, ComplaintsState } from './complaints/complaints';
export { defaultComplaintSlaHours, type ComplaintSlaHours } from './complaints/sla';
export * from './purchases/commands';
export * from './purchases/events';
export type { OrderState, OrdersState } from './purchases/purchases';
export * from './referrals/commands';
export * from './referrals/events';
export type { ReferralsState } from './referrals/referrals';
export * from './competitor-contacts/commands';
export * from './competitor-contacts/events';
export * from './compliance/commands';
export * from './compliance/events';
export * from './view/customer-view';
export { evolveCustomerView, initialCustomerView } from './view/evolve-customer-view';
export type {
  AccountManagerView,
  AnniversaryView,
  ChurnView,
  ContactDetailsView,
  CreditRatingView,
  FamilyMemberView,
  PartnershipView,
  ProfileCardView,
  QualificationView,
  StarRatingView,
  TierOverrideView,
} from './view/account-view';
export type { ContactView } from './view/contacts-view';
export type { ComplaintsView, ComplaintView } from './view/complaints-view';
export type { MoneyTotals, PurchasesView } from './view/purchases-view';
export type { InteractionsView, PlannedVisitView, ScoreView, SurveysView } from './view/interactions-view';
export type { CompetitorContactsView } from './view/market-view';
export {
  contactFieldsOf,
  contactOfSubject,
  contactSubject,
  customerEventTypes,
  dataSubjectOf,
  erasedSubjectOf,
  erasesPersonalData,
  isCustomerEventType,
  personalFieldsOf,
  type DataSubjectKind,
} from './event-catalogue';
export * from './stream-names';
