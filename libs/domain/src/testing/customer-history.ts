/** Streams built by running commands through the decider, and checks of the view folded from them. */
import { customerDecider } from '../customer-decider';
import type { CustomerCommand, CustomerState } from '../customer-stream';
import { deepFreeze } from '../shared/specification';
import type { ContactView } from '../view/contacts-view';
import type { CustomerView, RegisteredCustomerView, ViewedEvent } from '../view/customer-view';
import { evolveCustomerView, initialCustomerView } from '../view/evolve-customer-view';
import { customerId, notebookLines, registered } from './customer-fixtures';

export class CustomerHistory {
  readonly events: ViewedEvent[] = [];
  private state: CustomerState = customerDecider.initialState();

  /** Decides each command against the stream so far as happening at `occurredAt`; stores what it emits stamped so. */
  at(occurredAt: string, ...commands: CustomerCommand[]): this {
    for (const command of commands) {
      for (const event of customerDecider.decide(command, this.state, { occurredAt })) {
        const stored = { ...event, streamVersion: this.events.length, metadata: { occurredAt } };
        this.state = customerDecider.evolve(this.state, stored);
        this.events.push(stored);
      }
    }
    return this;
  }
}

export const registeredAt = '2024-03-01T09:00:00.000Z';

/** The fixtures' 颐高数码 store, registered at `registeredAt`. */
export function registeredHistory(): CustomerHistory {
  return new CustomerHistory().at(registeredAt, { type: 'RegisterCustomer', data: registered.data });
}

/** The view of `registeredHistory()`, keys in order: specifications spread it and override what changed. */
export const registeredView: RegisteredCustomerView = {
  customerId,
  status: 'active',
  kind: 'organization',
  name: '颐高数码 杭州文三路店',
  industry: 'IT retail',
  ownership: 'private',
  region: 'Hangzhou',
  source: 'trade-fair',
  registeredAt,
  profileCard: {
    birthday: null,
    hobbies: null,
    family: null,
    socialGroups: null,
    preferences: null,
    anniversaries: null,
    contactDetails: null,
    updatedAt: null,
  },
  accountManager: { managerId: null, since: null },
  qualification: { state: null, reason: null, at: null },
  tierOverride: null,
  creditRating: null,
  starRating: null,
  partnership: null,
  churn: null,
  relationshipLevel: 'stranger',
  contacts: [],
  complaints: { openCount: 0, resolvedCount: 0, closedCount: 0, items: [] },
  purchases: { orderCount: 0, totals: {}, firstPurchaseAt: null, lastPurchaseAt: null },
  interactions: { count: 0, last: null, plannedVisits: [] },
  surveys: { count: 0, lastSatisfaction: null, lastNps: null },
  referralsMade: 0,
  competitorContacts: { count: 0, last: null },
  complianceViolations: 0,
  erasure: null,
  lastEventAt: registeredAt,
  streamVersion: 0,
};

/** 李经理, added with no more than a contact needs. */
export const addStoreManager: CustomerCommand = {
  type: 'AddContact',
  data: { contactId: 'ct-li', name: '李经理', level: 'executive', role: 'user' },
};

/** The view of `addStoreManager` recorded at `addedAt`: what it leaves out null, not a champion. */
export function storeManagerView(addedAt: string): ContactView {
  return {
    contactId: 'ct-li',
    name: '李经理',
    title: null,
    level: 'executive',
    role: 'user',
    reportsTo: null,
    internalChampion: false,
    phone: null,
    email: null,
    birthday: null,
    relationshipLevel: 'stranger',
    addedAt,
    removed: null,
    erased: null,
  };
}

/** Folds with every view and event frozen, so a fold that mutates either fails. */
export function foldView(events: readonly ViewedEvent[]): CustomerView | null {
  return events.reduce<CustomerView | null>(
    (view, event) => deepFreeze(evolveCustomerView(view, deepFreeze(event))),
    initialCustomerView(),
  );
}

/** The folded view equals `expected`, keys in the same order, and is plain JSON. */
export function expectView(events: readonly ViewedEvent[], expected: CustomerView | null): void {
  const view = foldView(events);
  expect(view).toStrictEqual(expected);
  expect(JSON.stringify(view)).toBe(JSON.stringify(expected));
  expect(JSON.parse(JSON.stringify(view))).toStrictEqual(view);
}

/** Every command the decider knows, so the stream holds every event type. */
export function fullHistory(): CustomerHistory {
  const contact = { level: 'middle', role: 'influencer' } as const;
  return registeredHistory()
    .at('2024-03-02T09:00:00.000Z', {
      type: 'UpdateProfileCard',
      data: { birthday: '1975-06-01', hobbies: ['go'], contactDetails: { mobile: '13800000000' } },
    })
    .at('2024-03-02T09:00:00.000Z', { type: 'AssignAccountManager', data: { managerId: 'am-chen' } })
    .at('2024-03-03T09:00:00.000Z', { type: 'QualifyCustomer', data: {} })
    .at('2024-03-04T09:00:00.000Z', { type: 'DisqualifyCustomer', data: { reason: 'Budget withdrawn.' } })
    .at('2024-03-05T09:00:00.000Z', { type: 'QualifyCustomer', data: { reason: 'New purchasing director.' } })
    .at(
      '2024-03-06T09:00:00.000Z',
      { type: 'OverrideTier', data: { tier: 'key', reason: 'strategic' } },
      { type: 'RateCredit', data: { grade: 'AA' } },
      { type: 'RateStars', data: { stars: 4 } },
      { type: 'EstablishPartnership', data: { agreementRef: 'SA-2024-017' } },
    )
    .at(
      '2024-03-07T09:00:00.000Z',
      {
        type: 'AddContact',
        data: { contactId: 'ct-li', name: '李经理', phone: '0571-88000001', birthday: '1978-09-12', ...contact },
      },
      { type: 'AddContact', data: { contactId: 'ct-zhao', name: '赵工', reportsTo: 'ct-li', ...contact } },
      { type: 'UpdateContact', data: { contactId: 'ct-li', email: 'li@yigao.example', birthday: '1978-09-21' } },
      { type: 'ChangeRelationshipLevel', data: { level: 'friend' } },
      { type: 'ChangeRelationshipLevel', data: { level: 'confidant', contactId: 'ct-li' } },
      { type: 'RemoveContact', data: { contactId: 'ct-zhao', reason: 'changed-role' } },
    )
    .at('2024-03-08T09:00:00.000Z', {
      type: 'FileComplaint',
      data: {
        complaintId: 'cp-1',
        category: 'delivery',
        severity: 'high',
        channel: 'call',
        description: 'Late delivery.',
        receivedBy: 'agent-wang',
        contactId: 'ct-li',
      },
    })
    .at(
      '2024-03-08T10:00:00.000Z',
      { type: 'AcknowledgeComplaint', data: { complaintId: 'cp-1' } },
      { type: 'EscalateComplaint', data: { complaintId: 'cp-1', to: 'logistics-head', reason: 'Carrier dispute.' } },
      { type: 'TransferComplaint', data: { complaintId: 'cp-1', to: 'agent-sun', reason: 'Logistics.' } },
      { type: 'ResolveComplaint', data: { complaintId: 'cp-1', resolution: 'Credit note.' } },
      { type: 'CloseComplaint', data: { complaintId: 'cp-1', satisfaction: 3 } },
    )
    .at('2024-03-09T09:00:00.000Z', {
      type: 'ReopenComplaint',
      data: { complaintId: 'cp-1', reason: 'No credit note.' },
    })
    .at(
      '2024-03-10T09:00:00.000Z',
      { type: 'RecordPurchase', data: { orderId: 'o-1', currency: 'CNY', lines: notebookLines, costMinor: 800_000 } },
      { type: 'RefundPurchase', data: { orderId: 'o-1', refundId: 'cn-1', amountMinor: 9_900, currency: 'CNY' } },
      {
        type: 'RecordInteraction',
        data: { channel: 'wechat', direction: 'outbound', purpose: 'care', summary: 'Hi.' },
      },
      {
        type: 'PlanVisit',
        data: { plannedFor: '2024-04-01T02:00:00.000Z', purpose: 'care' },
      },
      { type: 'RecordSurveyAnswer', data: { satisfaction: 4, nps: 9 } },
      { type: 'RecordReferral', data: { referredCustomerId: 'c-suning-07' } },
      { type: 'RecordCompetitorContact', data: { competitor: '百脑汇', outcome: 'resisted', contactId: 'ct-li' } },
      { type: 'RecordComplianceViolation', data: { kind: 'cross-region-diversion', description: '窜货.' } },
    )
    .at('2024-03-11T09:00:00.000Z', { type: 'RecordChurn', data: { reason: 'competitor', competitor: '百脑汇' } })
    .at('2024-03-12T09:00:00.000Z', {
      type: 'RecordPurchase',
      data: { orderId: 'o-2', currency: 'CNY', lines: notebookLines },
    });
}
