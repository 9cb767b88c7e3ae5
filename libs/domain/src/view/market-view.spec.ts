import { expectView, registeredHistory, registeredView } from '../testing/customer-history';

const t1 = '2024-03-02T10:00:00.000Z';
const t2 = '2024-03-03T11:00:00.000Z';

describe('market facts in the view', () => {
  it('counts referrals once per referred customer', () => {
    const history = registeredHistory().at(
      t1,
      { type: 'RecordReferral', data: { referredCustomerId: 'c-bainaohui-01' } },
      { type: 'RecordReferral', data: { referredCustomerId: 'c-bainaohui-01' } },
      { type: 'RecordReferral', data: { referredCustomerId: 'c-suning-07', note: 'Met at the fair.' } },
    );
    expectView(history.events, { ...registeredView, referralsMade: 2, lastEventAt: t1, streamVersion: 2 });
  });

  it('counts competitor contacts and shows the latest by business time', () => {
    const history = registeredHistory()
      .at(t2, { type: 'RecordCompetitorContact', data: { competitor: '百脑汇', offer: '5% off', outcome: 'resisted' } })
      .at(t1, { type: 'RecordCompetitorContact', data: { competitor: '国美', outcome: 'partially-switched' } });
    expectView(history.events, {
      ...registeredView,
      competitorContacts: { count: 2, last: { competitor: '百脑汇', outcome: 'resisted', at: t2 } },
      lastEventAt: t2,
      streamVersion: 2,
    });
  });

  it('counts compliance violations', () => {
    const history = registeredHistory().at(
      t1,
      { type: 'RecordComplianceViolation', data: { kind: 'cross-region-diversion', description: '窜货 to Ningbo.' } },
      {
        type: 'RecordComplianceViolation',
        data: { kind: 'over-quota', description: 'Over quota.', penalty: { kind: 'supply-suspension', days: 7 } },
      },
    );
    expectView(history.events, { ...registeredView, complianceViolations: 2, lastEventAt: t1, streamVersion: 2 });
  });
});
