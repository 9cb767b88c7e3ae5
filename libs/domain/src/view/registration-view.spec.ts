import { customerId } from '../testing/customer-fixtures';
import {
  CustomerHistory,
  expectView,
  registeredAt,
  registeredHistory,
  registeredView,
} from '../testing/customer-history';

describe('the view of a registration', () => {
  it('is null before the customer is registered', () => {
    expectView([], null);
  });

  it('stays null for events that come before a registration', () => {
    const stray = { type: 'StarRated', data: { stars: 5 }, streamVersion: 0, metadata: { occurredAt: registeredAt } };
    expectView([stray], null);
  });

  it('shows a registered organization with every key present', () => {
    expectView(registeredHistory().events, {
      customerId,
      status: 'active',
      kind: 'organization',
      name: '颐高数码 杭州文三路店',
      industry: 'IT retail',
      ownership: 'private',
      region: 'Hangzhou',
      source: 'trade-fair',
      registeredAt: '2024-03-01T09:00:00.000Z',
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
      lastEventAt: '2024-03-01T09:00:00.000Z',
      streamVersion: 0,
    });
  });

  it('shows what a registration leaves out as null', () => {
    const person = new CustomerHistory().at(registeredAt, {
      type: 'RegisterCustomer',
      data: { customerId: 'p-zhang-wei', kind: 'person', name: '张伟' },
    });
    expectView(person.events, {
      ...registeredView,
      customerId: 'p-zhang-wei',
      kind: 'person',
      name: '张伟',
      industry: null,
      ownership: null,
      region: null,
      source: null,
    });
  });

  it('takes registeredAt from the business time of the registration', () => {
    const backdated = new CustomerHistory().at('2023-11-20T02:30:00.000Z', {
      type: 'RegisterCustomer',
      data: { customerId: 'p-zhang-wei', kind: 'person', name: '张伟' },
    });
    expectView(backdated.events, {
      ...registeredView,
      customerId: 'p-zhang-wei',
      kind: 'person',
      name: '张伟',
      industry: null,
      ownership: null,
      region: null,
      source: null,
      registeredAt: '2023-11-20T02:30:00.000Z',
      lastEventAt: '2023-11-20T02:30:00.000Z',
    });
  });
});
