import type {
  InteractionChannel,
  InteractionDirection,
  InteractionPurpose,
  PlanVisit,
  RecordInteraction,
} from '../interactions/commands';
import { addStoreManager, expectView, registeredHistory, registeredView, storeManagerView } from '../testing/customer-history';

const t1 = '2024-03-02T10:00:00.000Z';
const t2 = '2024-03-03T11:00:00.000Z';
const t3 = '2024-03-04T12:00:00.000Z';
const t4 = '2024-03-05T13:00:00.000Z';

const plan = (plannedFor: string, agenda?: string): PlanVisit => ({
  type: 'PlanVisit',
  data: { plannedFor, purpose: 'care', ...(agenda === undefined ? {} : { agenda }) },
});

const interaction = (
  channel: InteractionChannel,
  direction: InteractionDirection,
  purpose: InteractionPurpose,
): RecordInteraction => ({ type: 'RecordInteraction', data: { channel, direction, purpose, summary: 'Talked.' } });

describe('interactions in the view', () => {
  it('counts interactions and shows the latest by business time, not the last recorded', () => {
    const history = registeredHistory()
      .at(t2, interaction('visit', 'outbound', 'birthday'))
      .at(t1, interaction('call', 'inbound', 'service'));
    expectView(history.events, {
      ...registeredView,
      interactions: {
        count: 2,
        last: { at: t2, channel: 'visit', direction: 'outbound', purpose: 'birthday' },
        plannedVisits: [],
      },
      lastEventAt: t2,
      streamVersion: 2,
    });
  });

  it('lists planned visits soonest first, with what the plan leaves out null', () => {
    const history = registeredHistory()
      .at(t1, plan(t4, 'Quarterly review.'))
      .at(t1, addStoreManager)
      .at(t1, { type: 'PlanVisit', data: { plannedFor: t3, purpose: 'sales', contactId: 'ct-li' } });
    expectView(history.events, {
      ...registeredView,
      contacts: [storeManagerView(t1)],
      interactions: {
        count: 0,
        last: null,
        plannedVisits: [
          { plannedFor: t3, purpose: 'sales', contactId: 'ct-li', agenda: null, plannedAt: t1 },
          { plannedFor: t4, purpose: 'care', contactId: null, agenda: 'Quarterly review.', plannedAt: t1 },
        ],
      },
      lastEventAt: t1,
      streamVersion: 3,
    });
  });

  it('drops a planned visit once an event later than it is folded: the view has no clock of its own', () => {
    const history = registeredHistory().at(t1, plan(t2), plan(t4));
    expectView(history.events, {
      ...registeredView,
      interactions: {
        count: 0,
        last: null,
        plannedVisits: [
          { plannedFor: t2, purpose: 'care', contactId: null, agenda: null, plannedAt: t1 },
          { plannedFor: t4, purpose: 'care', contactId: null, agenda: null, plannedAt: t1 },
        ],
      },
      lastEventAt: t1,
      streamVersion: 2,
    });
    history.at(t3, interaction('visit', 'outbound', 'care'));
    expectView(history.events, {
      ...registeredView,
      interactions: {
        count: 1,
        last: { at: t3, channel: 'visit', direction: 'outbound', purpose: 'care' },
        plannedVisits: [{ plannedFor: t4, purpose: 'care', contactId: null, agenda: null, plannedAt: t1 }],
      },
      lastEventAt: t3,
      streamVersion: 3,
    });
  });

  it('keeps plans ahead of a backdated event and drops those it reaches', () => {
    const history = registeredHistory()
      .at(t1, plan(t2), plan(t3))
      .at(t2, { type: 'RateStars', data: { stars: 4 } })
      .at(t1, { type: 'RateStars', data: { stars: 5 } });
    expectView(history.events, {
      ...registeredView,
      starRating: { stars: 5, at: t1 },
      interactions: {
        count: 0,
        last: null,
        plannedVisits: [{ plannedFor: t3, purpose: 'care', contactId: null, agenda: null, plannedAt: t1 }],
      },
      lastEventAt: t2,
      streamVersion: 4,
    });
  });
});

describe('surveys in the view', () => {
  it('counts answers and keeps the latest satisfaction and NPS apart, each by business time', () => {
    const history = registeredHistory()
      .at(t2, { type: 'RecordSurveyAnswer', data: { satisfaction: 4, nps: 9 } })
      .at(t3, { type: 'RecordSurveyAnswer', data: { nps: 7, comment: 'Deliveries are slow.' } })
      .at(t1, { type: 'RecordSurveyAnswer', data: { satisfaction: 2, nps: 3 } });
    expectView(history.events, {
      ...registeredView,
      surveys: { count: 3, lastSatisfaction: { score: 4, at: t2 }, lastNps: { score: 7, at: t3 } },
      lastEventAt: t3,
      streamVersion: 3,
    });
  });
});
