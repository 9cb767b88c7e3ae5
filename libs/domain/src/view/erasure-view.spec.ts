import { customerId } from '../testing/customer-fixtures';
import { expectView, foldView, fullHistory, registeredView } from '../testing/customer-history';
import type { CustomerView, ViewedEvent } from './customer-view';

const erasedAt = '2024-04-02T09:00:00.000Z';

const erased = () => fullHistory().at(erasedAt, { type: 'EraseCustomer', data: { basis: 'data-subject-request' } });

const erasedView: CustomerView = {
  customerId,
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
  complaints: { openCount: 1, resolvedCount: 0, closedCount: 0, items: [] },
  purchases: { orderCount: 2, totals: null, firstPurchaseAt: null, lastPurchaseAt: null },
  interactions: { count: 1, last: null, plannedVisits: [] },
  surveys: { count: 1, lastSatisfaction: null, lastNps: null },
  referralsMade: 1,
  competitorContacts: { count: 1, last: null },
  complianceViolations: 1,
  erasure: { at: erasedAt, basis: 'data-subject-request' },
  lastEventAt: erasedAt,
  streamVersion: 33,
};

describe('the view of an erased customer', () => {
  it('keeps only the id, the erasure and the counts', () => {
    expectView(erased().events, erasedView);
  });

  it('has the keys of a registered customer, in the same order', () => {
    const view = foldView(erased().events);
    const keysOf = (value: object | null) => Object.keys(value ?? {});
    expect(keysOf(view)).toStrictEqual(keysOf(registeredView));
    for (const part of ['complaints', 'purchases', 'interactions', 'surveys', 'competitorContacts'] as const) {
      expect(keysOf(view?.[part] ?? null)).toStrictEqual(keysOf(registeredView[part]));
    }
  });

  it('changes nothing but the version and time for events stored after the erasure', () => {
    const [registration] = fullHistory().events;
    const later: ViewedEvent = {
      ...registration,
      streamVersion: 34,
      metadata: { occurredAt: '2024-05-01T09:00:00.000Z' },
    };
    expectView([...erased().events, later], {
      ...erasedView,
      lastEventAt: '2024-05-01T09:00:00.000Z',
      streamVersion: 34,
    });
  });
});

describe('a stream whose personal data was erased from the stored events', () => {
  /** DESIGN.md §8: erased personal data reads as null fields. */
  function shredded({ type, data, ...stored }: ViewedEvent): ViewedEvent {
    const fields: Record<string, readonly string[]> = {
      CustomerRegistered: ['name'],
      ProfileCardUpdated: ['birthday', 'hobbies', 'contactDetails'],
      ContactAdded: ['name', 'phone', 'birthday'],
      ContactUpdated: ['email', 'birthday'],
    };
    const erasedFields = Object.fromEntries((fields[type] ?? []).map((field) => [field, null]));
    return { ...stored, type, data: { ...(data as object), ...erasedFields } };
  }

  it('folds, before its erasure, to a view with that data null', () => {
    const { events } = fullHistory();
    const view = foldView(events);
    if (view === null || view.status === 'erased') throw new Error('The full history is of a registered customer.');
    expectView(events.map(shredded), {
      ...view,
      name: null,
      profileCard: { ...view.profileCard, birthday: null, hobbies: null, contactDetails: null },
      contacts: view.contacts.map((contact) => ({ ...contact, name: null, phone: null, email: null, birthday: null })),
    });
  });
});
