import type { CustomerEvent } from '../customer-stream';
import { isCustomerEventType } from '../event-catalogue';
import { latestOf } from '../shared/business-time';
import { evolveAccountView } from './account-view';
import { evolveComplaintsView } from './complaints-view';
import { evolveContactsView } from './contacts-view';
import type { CustomerStatus, CustomerView, RegisteredCustomerView, ViewedEvent } from './customer-view';
import { erasedCustomerView } from './erasure-view';
import { evolveInteractionsView, visitsPlannedAfter } from './interactions-view';
import { evolveMarketView } from './market-view';
import { evolvePurchasesView } from './purchases-view';
import { registeredCustomerView } from './registration-view';

/** Null until the customer is registered: there is nothing to show. */
export function initialCustomerView(): CustomerView | null {
  return null;
}

/**
 * Folds one stored event into the view. Pure: it reads nothing but the view and the event, so
 * a stream cut at any version, instant or knowledge time folds to the view as of that cut.
 */
export function evolveCustomerView(view: CustomerView | null, event: ViewedEvent): CustomerView | null {
  const at = event.metadata.occurredAt;
  if (view === null) {
    return isCustomerEvent(event) && event.type === 'CustomerRegistered'
      ? registeredCustomerView(event.data, at, event.streamVersion)
      : null;
  }
  const stamp = { lastEventAt: latestOf(view.lastEventAt, at), streamVersion: event.streamVersion };
  const next = view.status === 'erased' || !isCustomerEvent(event) ? view : evolveRegisteredView(view, event, at);
  if (next.status === 'erased') return { ...next, ...stamp };
  return {
    ...next,
    status: statusOf(next),
    interactions: visitsPlannedAfter(next.interactions, stamp.lastEventAt),
    ...stamp,
  };
}

function evolveRegisteredView(view: RegisteredCustomerView, event: CustomerEvent, at: string): CustomerView {
  switch (event.type) {
    case 'CustomerRegistered':
      // A registration is recorded once; the decider records nothing for a retry.
      return view;
    case 'CustomerErased':
      return erasedCustomerView(view, event.data.basis, at);
    case 'ProfileCardUpdated':
    case 'AccountManagerAssigned':
    case 'CustomerQualified':
    case 'CustomerDisqualified':
    case 'TierOverridden':
    case 'CreditRated':
    case 'StarRated':
    case 'PartnershipEstablished':
    case 'CustomerChurned':
      return evolveAccountView(view, event, at);
    case 'ContactAdded':
    case 'ContactUpdated':
    case 'ContactRemoved':
    case 'ContactErased':
    case 'RelationshipLevelChanged':
      return evolveContactsView(view, event, at);
    case 'ComplaintFiled':
    case 'ComplaintAcknowledged':
    case 'ComplaintEscalated':
    case 'ComplaintTransferred':
    case 'ComplaintResolved':
    case 'ComplaintReopened':
    case 'ComplaintClosed':
      return { ...view, complaints: evolveComplaintsView(view.complaints, event, at) };
    case 'PurchaseRecorded':
    case 'PurchaseRefunded':
      return evolvePurchasesView(view, event, at);
    case 'InteractionRecorded':
    case 'VisitPlanned':
    case 'SurveyAnswered':
      return evolveInteractionsView(view, event, at);
    case 'ReferralMade':
    case 'CompetitorContactObserved':
    case 'ComplianceViolationRecorded':
      return evolveMarketView(view, event, at);
  }
}

function statusOf({ qualification, churn }: RegisteredCustomerView): Exclude<CustomerStatus, 'erased'> {
  if (qualification.state === 'disqualified') return 'disqualified';
  return churn === null ? 'active' : 'churned';
}

/**
 * The stream holds only what the deciders emitted, so a known type's data has that type's
 * shape. An event of a type this code does not know (one added later) still advances
 * `streamVersion` and `lastEventAt` and changes nothing else.
 */
function isCustomerEvent(event: ViewedEvent): event is ViewedEvent & CustomerEvent {
  return isCustomerEventType(event.type);
}
