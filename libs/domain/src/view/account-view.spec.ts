import type { RecordPurchase } from '../purchases/commands';
import { notebookLines } from '../testing/customer-fixtures';
import { expectView, registeredHistory, registeredView } from '../testing/customer-history';

const t1 = '2024-03-02T10:00:00.000Z';
const t2 = '2024-03-03T11:00:00.000Z';
const t3 = '2024-03-04T12:00:00.000Z';
const t4 = '2024-03-05T13:00:00.000Z';

const purchase: RecordPurchase = {
  type: 'RecordPurchase',
  data: { orderId: 'o-1', currency: 'CNY', lines: notebookLines },
};
const purchaseTotals = { CNY: { grossMinor: 999_000, refundedMinor: 0, netMinor: 999_000 } };

describe('the profile card in the view', () => {
  it('shows the fields an update gives and leaves the others null', () => {
    const history = registeredHistory().at(t1, {
      type: 'UpdateProfileCard',
      data: {
        birthday: '1975-06-01',
        family: [{ relation: 'daughter', name: '李小红', birthday: '2005-09-10' }, { relation: 'wife', name: '王芳' }],
        anniversaries: [{ label: 'store opening', date: '2010-10-01' }],
        contactDetails: { mobile: '13800000000', wechat: 'li-manager' },
      },
    });
    expectView(history.events, {
      ...registeredView,
      profileCard: {
        birthday: '1975-06-01',
        hobbies: null,
        family: [
          { relation: 'daughter', name: '李小红', birthday: '2005-09-10' },
          { relation: 'wife', name: '王芳', birthday: null },
        ],
        socialGroups: null,
        preferences: null,
        anniversaries: [{ label: 'store opening', date: '2010-10-01' }],
        contactDetails: { phone: null, mobile: '13800000000', email: null, wechat: 'li-manager', address: null },
        updatedAt: t1,
      },
      lastEventAt: t1,
      streamVersion: 1,
    });
  });

  it('keeps what a later update leaves out, replaces what it gives and clears a null birthday', () => {
    const history = registeredHistory()
      .at(t1, {
        type: 'UpdateProfileCard',
        data: {
          birthday: '1975-06-01',
          hobbies: ['go', 'tea'],
          socialGroups: ['Hangzhou IT retailers association'],
          contactDetails: { mobile: '13800000000' },
        },
      })
      .at(t2, {
        type: 'UpdateProfileCard',
        data: {
          birthday: null,
          hobbies: ['fishing'],
          preferences: ['calls after 10:00'],
          contactDetails: { email: 'li@yigao.example' },
        },
      });
    expectView(history.events, {
      ...registeredView,
      profileCard: {
        birthday: null,
        hobbies: ['fishing'],
        family: null,
        socialGroups: ['Hangzhou IT retailers association'],
        preferences: ['calls after 10:00'],
        anniversaries: null,
        contactDetails: { phone: null, mobile: null, email: 'li@yigao.example', wechat: null, address: null },
        updatedAt: t2,
      },
      lastEventAt: t2,
      streamVersion: 2,
    });
  });
});

describe('the account manager in the view', () => {
  it('shows the manager assigned last, since its assignment', () => {
    const history = registeredHistory()
      .at(t1, { type: 'AssignAccountManager', data: { managerId: 'am-chen' } })
      .at(t2, { type: 'AssignAccountManager', data: { managerId: 'am-liu' } });
    expectView(history.events, {
      ...registeredView,
      accountManager: { managerId: 'am-liu', since: t2 },
      lastEventAt: t2,
      streamVersion: 2,
    });
  });
});

describe('qualification and status in the view', () => {
  it('shows a qualification without a reason as null reason', () => {
    const history = registeredHistory().at(t1, { type: 'QualifyCustomer', data: {} });
    expectView(history.events, {
      ...registeredView,
      qualification: { state: 'qualified', reason: null, at: t1 },
      lastEventAt: t1,
      streamVersion: 1,
    });
  });

  it('shows a disqualified customer as such, and active again once requalified', () => {
    const disqualified = registeredHistory()
      .at(t1, { type: 'QualifyCustomer', data: { reason: 'Budget approved.' } })
      .at(t2, { type: 'DisqualifyCustomer', data: { reason: 'Budget withdrawn.' } });
    expectView(disqualified.events, {
      ...registeredView,
      status: 'disqualified',
      qualification: { state: 'disqualified', reason: 'Budget withdrawn.', at: t2 },
      lastEventAt: t2,
      streamVersion: 2,
    });
    disqualified.at(t3, { type: 'QualifyCustomer', data: { reason: 'New purchasing director.' } });
    expectView(disqualified.events, {
      ...registeredView,
      qualification: { state: 'qualified', reason: 'New purchasing director.', at: t3 },
      lastEventAt: t3,
      streamVersion: 3,
    });
  });
});

describe('ratings and tier override in the view', () => {
  it('shows the latest of each with its time', () => {
    const history = registeredHistory()
      .at(t1, { type: 'OverrideTier', data: { tier: 'general', reason: 'brand' } })
      .at(t1, { type: 'RateCredit', data: { grade: 'A' } })
      .at(t1, { type: 'RateStars', data: { stars: 3 } })
      .at(t2, { type: 'OverrideTier', data: { tier: 'key', reason: 'government-influence' } })
      .at(t2, { type: 'RateCredit', data: { grade: 'AA' } })
      .at(t2, { type: 'RateStars', data: { stars: 4 } });
    expectView(history.events, {
      ...registeredView,
      tierOverride: { tier: 'key', reason: 'government-influence', at: t2 },
      creditRating: { grade: 'AA', at: t2 },
      starRating: { stars: 4, at: t2 },
      lastEventAt: t2,
      streamVersion: 6,
    });
  });
});

describe('partnership and churn in the view', () => {
  const partner = () =>
    registeredHistory()
      .at(t1, { type: 'QualifyCustomer', data: {} })
      .at(t2, { type: 'EstablishPartnership', data: { agreementRef: 'SA-2024-017' } });

  it('shows a partnership since it was established', () => {
    expectView(partner().events, {
      ...registeredView,
      qualification: { state: 'qualified', reason: null, at: t1 },
      partnership: { since: t2, agreementRef: 'SA-2024-017' },
      lastEventAt: t2,
      streamVersion: 2,
    });
  });

  it('shows a partnership without an agreement reference as null reference', () => {
    const history = registeredHistory()
      .at(t1, { type: 'QualifyCustomer', data: {} })
      .at(t2, { type: 'EstablishPartnership', data: {} });
    expectView(history.events, {
      ...registeredView,
      qualification: { state: 'qualified', reason: null, at: t1 },
      partnership: { since: t2, agreementRef: null },
      lastEventAt: t2,
      streamVersion: 2,
    });
  });

  it('shows a churn, which ends the partnership', () => {
    const history = partner().at(t3, { type: 'RecordChurn', data: { reason: 'competitor', competitor: '百脑汇' } });
    expectView(history.events, {
      ...registeredView,
      status: 'churned',
      qualification: { state: 'qualified', reason: null, at: t1 },
      churn: { reason: 'competitor', competitor: '百脑汇', at: t3 },
      lastEventAt: t3,
      streamVersion: 3,
    });
  });

  it('shows a churn without a competitor as null competitor, and clears it once a purchase wins it back', () => {
    const history = registeredHistory().at(t1, { type: 'RecordChurn', data: { reason: 'relocation' } });
    expectView(history.events, {
      ...registeredView,
      status: 'churned',
      churn: { reason: 'relocation', competitor: null, at: t1 },
      lastEventAt: t1,
      streamVersion: 1,
    });
    history.at(t2, purchase);
    expectView(history.events, {
      ...registeredView,
      purchases: { orderCount: 1, totals: purchaseTotals, firstPurchaseAt: t2, lastPurchaseAt: t2 },
      lastEventAt: t2,
      streamVersion: 2,
    });
  });

  it('shows a disqualified customer as disqualified whether it churned before or after', () => {
    const churnedFirst = registeredHistory()
      .at(t1, { type: 'RecordChurn', data: { reason: 'price' } })
      .at(t2, { type: 'DisqualifyCustomer', data: { reason: 'Fraud.' } });
    const disqualifiedFirst = registeredHistory()
      .at(t1, { type: 'DisqualifyCustomer', data: { reason: 'Fraud.' } })
      .at(t2, { type: 'RecordChurn', data: { reason: 'price' } });
    expectView(churnedFirst.events, {
      ...registeredView,
      status: 'disqualified',
      qualification: { state: 'disqualified', reason: 'Fraud.', at: t2 },
      churn: { reason: 'price', competitor: null, at: t1 },
      lastEventAt: t2,
      streamVersion: 2,
    });
    expectView(disqualifiedFirst.events, {
      ...registeredView,
      status: 'disqualified',
      qualification: { state: 'disqualified', reason: 'Fraud.', at: t1 },
      churn: { reason: 'price', competitor: null, at: t2 },
      lastEventAt: t2,
      streamVersion: 2,
    });
    disqualifiedFirst.at(t4, purchase);
    expectView(disqualifiedFirst.events, {
      ...registeredView,
      status: 'disqualified',
      qualification: { state: 'disqualified', reason: 'Fraud.', at: t1 },
      purchases: { orderCount: 1, totals: purchaseTotals, firstPurchaseAt: t4, lastPurchaseAt: t4 },
      lastEventAt: t4,
      streamVersion: 3,
    });
  });
});
