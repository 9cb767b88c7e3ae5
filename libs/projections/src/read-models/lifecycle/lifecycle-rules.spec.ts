/**
 * Lifecycle stage, stage history and funnel (READ-MODELS §2): every expectation is worked out by
 * hand from the small fixtures here, so the rules are pinned by examples rather than by a second
 * implementation. Times are whole days from 2024-01-01T00:00Z; Y is 365 days; versions are the
 * facts' positions in the stream as written, so a back-dated fact is one written later with an
 * earlier day.
 */
import { funnel, type LifecycleFact, type Stage, stageAt, stageHistory, stageSince } from './lifecycle-rules';

const DAY = 86_400_000;
const Y = 365 * DAY;
const t0 = Date.parse('2024-01-01T00:00:00Z');
const d = (n: number): number => t0 + n * DAY;

type Unversioned = {
  [K in LifecycleFact['kind']]: Omit<Extract<LifecycleFact, { kind: K }>, 'version'>;
}[LifecycleFact['kind']];
type Level = 'stranger' | 'acquaintance' | 'friend' | 'confidant';

/** Facts in stream order: version = position + 1. */
const stream = (...facts: Unversioned[]): LifecycleFact[] =>
  facts.map((fact, index) => ({ ...fact, version: index + 1 }) as LifecycleFact);
const registered = (at: number) => ({ kind: 'registered', at }) as const;
const qualified = (at: number) => ({ kind: 'qualified', at }) as const;
const disqualified = (at: number) => ({ kind: 'disqualified', at }) as const;
const purchase = (at: number) => ({ kind: 'purchase', at }) as const;
const churned = (at: number) => ({ kind: 'churned', at }) as const;
const partnership = (at: number) => ({ kind: 'partnership', at }) as const;
const level = (at: number, value: Level, contactId: string | null = null) =>
  ({ kind: 'relationship-level', at, level: value, contactId }) as const;
const contactRemoved = (at: number, contactId: string) => ({ kind: 'contact-removed', at, contactId }) as const;
const referral = (at: number) => ({ kind: 'referral', at }) as const;
const survey = (at: number, nps: number | null) => ({ kind: 'survey', at, nps }) as const;
const erased = (at: number) => ({ kind: 'erased', at }) as const;
const span = (stage: Stage, from: number, to: number | null) => ({ stage, from, to });

/** registered d0, qualified d1, purchases d2..d5, referral d6, partnership d7. */
const ladder = stream(
  registered(d(0)),
  qualified(d(1)),
  purchase(d(2)),
  purchase(d(3)),
  purchase(d(4)),
  purchase(d(5)),
  referral(d(6)),
  partnership(d(7)),
);
/** Two purchases: a repeat buyer from d2 on. */
const repeatBuyer = [registered(d(0)), purchase(d(1)), purchase(d(2))];

describe('population (C2)', () => {
  it('has no stage before the registration, and is a suspect from its very ms', () => {
    const facts = stream(registered(d(0)));
    expect(stageAt([], d(0))).toBeNull();
    expect(stageAt(facts, d(0) - 1)).toBeNull();
    expect(stageAt(facts, d(0))).toBe('suspect');
  });

  it('has no stage and no history from the erasure ms on', () => {
    const facts = stream(registered(d(0)), purchase(d(1)), erased(d(10)));
    expect(stageAt(facts, d(10) - 1)).toBe('first-time-buyer');
    expect(stageAt(facts, d(10))).toBeNull();
    expect(stageAt(facts, d(20))).toBeNull();
    expect(stageHistory(facts, d(10))).toEqual([]);
    expect(stageHistory(facts, d(10) - 1)).toEqual([
      span('suspect', d(0), d(1)),
      span('first-time-buyer', d(1), null),
    ]);
  });

  it('counts a purchase back-dated before the registration once registered', () => {
    const facts = stream(registered(d(0)), purchase(d(-5)));
    expect(stageAt(facts, d(-1))).toBeNull();
    expect(stageHistory(facts, d(-1))).toEqual([]);
    expect(stageAt(facts, d(0))).toBe('first-time-buyer');
    expect(stageHistory(facts, d(1))).toEqual([span('first-time-buyer', d(0), null)]);
  });
});

describe('the ladder: suspect → prospect → first-time → repeat → client → advocate → partner', () => {
  it.each<[string, number, Stage]>([
    ['registered', d(0), 'suspect'],
    ['1 ms before the qualification', d(1) - 1, 'suspect'],
    ['qualified', d(1), 'prospect'],
    ['1 purchase', d(2), 'first-time-buyer'],
    ['2 purchases', d(3), 'repeat-buyer'],
    ['3 purchases', d(4), 'repeat-buyer'],
    ['4 purchases within the year', d(5), 'client'],
    ['a client with a referral', d(6), 'advocate'],
    ['a partnership', d(7), 'partner'],
  ])('%s: %s', (_, T, stage) => {
    expect(stageAt(ladder, T)).toBe(stage);
  });

  it('records each step in the stage history', () => {
    expect(stageHistory(ladder, d(7))).toEqual([
      span('suspect', d(0), d(1)),
      span('prospect', d(1), d(2)),
      span('first-time-buyer', d(2), d(3)),
      span('repeat-buyer', d(3), d(5)),
      span('client', d(5), d(6)),
      span('advocate', d(6), d(7)),
      span('partner', d(7), null),
    ]);
  });

  it('goes from suspect straight to first-time buyer without a qualification', () => {
    const facts = stream(registered(d(0)), purchase(d(2)));
    expect(stageAt(facts, d(1))).toBe('suspect');
    expect(stageAt(facts, d(2))).toBe('first-time-buyer');
  });
});

describe('client', () => {
  it('by level: the account becoming a friend makes a repeat buyer a client', () => {
    const facts = stream(...repeatBuyer, level(d(3), 'friend'));
    expect(stageAt(facts, d(3) - 1)).toBe('repeat-buyer');
    expect(stageAt(facts, d(3))).toBe('client');
    expect(stageAt(stream(...repeatBuyer, level(d(3), 'confidant')), d(3))).toBe('client');
  });

  it('not by level acquaintance, nor by level friend with a single purchase', () => {
    expect(stageAt(stream(...repeatBuyer, level(d(3), 'acquaintance')), d(3))).toBe('repeat-buyer');
    expect(stageAt(stream(registered(d(0)), purchase(d(1)), level(d(2), 'friend')), d(2))).toBe('first-time-buyer');
  });

  it("takes the account's latest level", () => {
    const facts = stream(...repeatBuyer, level(d(3), 'friend'), level(d(4), 'stranger'));
    expect(stageAt(facts, d(3))).toBe('client');
    expect(stageAt(facts, d(4))).toBe('repeat-buyer');
  });

  it("by a contact's level above the account's, the contact's latest level counting", () => {
    const facts = stream(
      ...repeatBuyer,
      level(d(3), 'acquaintance'),
      level(d(4), 'friend', 'c1'),
      level(d(5), 'acquaintance', 'c1'),
    );
    expect(stageAt(facts, d(3))).toBe('repeat-buyer');
    expect(stageAt(facts, d(4))).toBe('client');
    expect(stageAt(facts, d(5))).toBe('repeat-buyer');
  });

  it("no longer by a removed contact's level; another contact's still counts", () => {
    const alone = stream(...repeatBuyer, level(d(3), 'friend', 'c1'), contactRemoved(d(5), 'c1'));
    expect(stageAt(alone, d(4))).toBe('client');
    expect(stageAt(alone, d(5))).toBe('repeat-buyer');
    const withAnother = stream(
      ...repeatBuyer,
      level(d(3), 'friend', 'c1'),
      level(d(4), 'friend', 'c2'),
      contactRemoved(d(5), 'c1'),
    );
    expect(stageAt(withAnother, d(5))).toBe('client');
  });

  it('a removed contact stays removed: a level fact after the removal does not count', () => {
    const facts = stream(...repeatBuyer, contactRemoved(d(4), 'c1'), level(d(5), 'confidant', 'c1'));
    expect(stageAt(facts, d(5))).toBe('repeat-buyer');
  });
});

describe('advocate', () => {
  const client = [...repeatBuyer, level(d(3), 'friend')];

  it('a client with a referral', () => {
    expect(stageAt(stream(...client, referral(d(4))), d(4))).toBe('advocate');
  });

  it('a referral alone does not make an advocate, but counts once the customer is a client', () => {
    const facts = stream(registered(d(0)), purchase(d(1)), referral(d(2)), purchase(d(3)), level(d(4), 'friend'));
    expect(stageAt(facts, d(2))).toBe('first-time-buyer');
    expect(stageAt(facts, d(3))).toBe('repeat-buyer');
    expect(stageAt(facts, d(4))).toBe('advocate');
  });

  it('a client with NPS 9 or 10; NPS 8 stays a client; a repeat buyer with NPS 10 stays one', () => {
    expect(stageAt(stream(...client, survey(d(4), 9)), d(4))).toBe('advocate');
    expect(stageAt(stream(...client, survey(d(4), 10)), d(4))).toBe('advocate');
    expect(stageAt(stream(...client, survey(d(4), 8)), d(4))).toBe('client');
    expect(stageAt(stream(...repeatBuyer, survey(d(4), 10)), d(4))).toBe('repeat-buyer');
  });

  it('takes the latest survey carrying an NPS: a later 8 ends it, a later survey without NPS does not', () => {
    const lower = stream(...client, survey(d(4), 9), survey(d(5), 8));
    expect(stageAt(lower, d(4))).toBe('advocate');
    expect(stageAt(lower, d(5))).toBe('client');
    expect(stageAt(stream(...client, survey(d(4), 9), survey(d(5), null)), d(5))).toBe('advocate');
    expect(stageAt(stream(...client, survey(d(4), null)), d(4))).toBe('client');
  });
});

describe('partner', () => {
  it('ranks above advocate, and comes by rule order even before any purchase', () => {
    expect(stageAt(stream(...repeatBuyer, level(d(3), 'friend'), referral(d(4)), partnership(d(5))), d(5))).toBe(
      'partner',
    );
    expect(stageAt(stream(registered(d(0)), partnership(d(1))), d(1))).toBe('partner');
  });

  it('is ended by a churn; winning the customer back does not restore it, a new partnership does', () => {
    const facts = stream(
      ...repeatBuyer,
      partnership(d(3)),
      churned(d(10)),
      purchase(d(20)),
      partnership(d(30)),
    );
    expect(stageAt(facts, d(3))).toBe('partner');
    expect(stageAt(facts, d(10))).toBe('lapsed');
    expect(stageAt(facts, d(20))).toBe('repeat-buyer');
    expect(stageAt(facts, d(30))).toBe('partner');
  });

  it('a partnership after a churn leaves the customer lapsed until a purchase wins them back', () => {
    const facts = stream(...repeatBuyer, churned(d(10)), partnership(d(12)), purchase(d(15)));
    expect(stageAt(facts, d(12))).toBe('lapsed');
    expect(stageAt(facts, d(15))).toBe('partner');
  });
});

describe('churned → lapsed, won back by a later purchase (business time)', () => {
  it('is lapsed from the churn, and won back by a purchase after it', () => {
    const facts = stream(...repeatBuyer, churned(d(10)), purchase(d(20)));
    expect(stageAt(facts, d(10) - 1)).toBe('repeat-buyer');
    expect(stageAt(facts, d(10))).toBe('lapsed');
    expect(stageAt(facts, d(20) - 1)).toBe('lapsed');
    expect(stageAt(facts, d(20))).toBe('repeat-buyer');
  });

  it('a purchase recorded after the churn but back-dated before it does not win back', () => {
    const facts = stream(registered(d(0)), purchase(d(1)), churned(d(10)), purchase(d(5)));
    expect(stageAt(facts, d(5))).toBe('repeat-buyer');
    expect(stageAt(facts, d(30))).toBe('lapsed');
    expect(stageHistory(facts, d(30))).toEqual([
      span('suspect', d(0), d(1)),
      span('first-time-buyer', d(1), d(5)),
      span('repeat-buyer', d(5), d(10)),
      span('lapsed', d(10), null),
    ]);
  });

  it('a churn back-dated before a purchase is won back by that purchase', () => {
    const facts = stream(registered(d(0)), purchase(d(1)), purchase(d(15)), churned(d(10)));
    expect(stageAt(facts, d(12))).toBe('lapsed');
    expect(stageAt(facts, d(15))).toBe('repeat-buyer');
  });

  it('in the same ms, the stream version orders churn and purchase', () => {
    expect(stageAt(stream(registered(d(0)), purchase(d(1)), churned(d(10)), purchase(d(10))), d(10))).toBe(
      'repeat-buyer',
    );
    expect(stageAt(stream(registered(d(0)), purchase(d(1)), purchase(d(10)), churned(d(10))), d(10))).toBe('lapsed');
  });
});

describe('lapsed after 365 days without a purchase', () => {
  const facts = stream(registered(d(0)), purchase(d(1)));

  it('is still the old stage at exactly last + 365 days, lapsed at + 1 ms', () => {
    expect(stageAt(facts, d(1) + Y)).toBe('first-time-buyer');
    expect(stageAt(facts, d(1) + Y + 1)).toBe('lapsed');
    expect(stageHistory(facts, d(1) + Y)).toEqual([span('suspect', d(0), d(1)), span('first-time-buyer', d(1), null)]);
    expect(stageHistory(facts, d(1) + Y + 1)).toEqual([
      span('suspect', d(0), d(1)),
      span('first-time-buyer', d(1), d(1) + Y + 1),
      span('lapsed', d(1) + Y + 1, null),
    ]);
  });

  it('is won back by a new purchase', () => {
    const back = stream(registered(d(0)), purchase(d(1)), purchase(d(1) + Y + DAY));
    expect(stageAt(back, d(1) + Y + DAY - 1)).toBe('lapsed');
    expect(stageAt(back, d(1) + Y + DAY)).toBe('repeat-buyer');
  });

  it('counts from the last purchase, and never lapses a customer who never bought', () => {
    const two = stream(registered(d(0)), purchase(d(1)), purchase(d(100)));
    expect(stageAt(two, d(1) + Y + 1)).toBe('repeat-buyer');
    expect(stageAt(two, d(100) + Y)).toBe('repeat-buyer');
    expect(stageAt(two, d(100) + Y + 1)).toBe('lapsed');
    expect(stageAt(stream(registered(d(0)), qualified(d(1))), d(0) + 3 * Y)).toBe('prospect');
  });
});

describe('a client whose 4th order of the year ages out', () => {
  const facts = stream(registered(d(0)), purchase(d(1)), purchase(d(2)), purchase(d(3)), purchase(d(4)));

  it('is a client at exactly the first order + 365 days, a repeat buyer 1 ms later', () => {
    expect(stageAt(facts, d(4))).toBe('client');
    expect(stageAt(facts, d(1) + Y)).toBe('client');
    expect(stageAt(facts, d(1) + Y + 1)).toBe('repeat-buyer');
  });

  it('shows it in the history, with every purchase + 365 days + 1 ms evaluated', () => {
    // evaluated at d0..d4 and at d1..d4 + Y + 1: suspect, first-time, repeat, repeat, client,
    // repeat (d1's order out), repeat, repeat, lapsed (d4's order was the last)
    expect(stageHistory(facts, d(4) + Y + 1)).toEqual([
      span('suspect', d(0), d(1)),
      span('first-time-buyer', d(1), d(2)),
      span('repeat-buyer', d(2), d(4)),
      span('client', d(4), d(1) + Y + 1),
      span('repeat-buyer', d(1) + Y + 1, d(4) + Y + 1),
      span('lapsed', d(4) + Y + 1, null),
    ]);
  });

  it('a client by level does not age out', () => {
    expect(stageAt(stream(registered(d(0)), purchase(d(1)), purchase(d(2)), level(d(3), 'friend')), d(1) + Y + 1)).toBe(
      'client',
    );
  });
});

describe('disqualified', () => {
  it('wins over everything: partner, churned, lapsed by time', () => {
    expect(stageAt(stream(...ladder, disqualified(d(8))), d(8))).toBe('disqualified');
    const gone = stream(registered(d(0)), purchase(d(1)), churned(d(5)), disqualified(d(6)));
    expect(stageAt(gone, d(6))).toBe('disqualified');
    expect(stageAt(gone, d(1) + Y + 1)).toBe('disqualified');
  });

  it('is cleared by a requalification', () => {
    expect(stageAt(stream(...ladder, disqualified(d(8)), qualified(d(9))), d(9))).toBe('partner');
    const facts = stream(registered(d(0)), disqualified(d(1)), qualified(d(2)));
    expect(stageAt(facts, d(1))).toBe('disqualified');
    expect(stageAt(facts, d(2))).toBe('prospect');
  });

  it('the latest in business time wins, not the latest recorded', () => {
    const facts = stream(registered(d(0)), qualified(d(5)), disqualified(d(3)));
    expect(stageAt(facts, d(2))).toBe('suspect');
    expect(stageAt(facts, d(4))).toBe('disqualified');
    expect(stageAt(facts, d(5))).toBe('prospect');
  });
});

describe('input order', () => {
  it('gives the same stages and history whatever order the facts come in', () => {
    const reversed = [...ladder].reverse();
    const shuffled = [ladder[5], ladder[0], ladder[7], ladder[2], ladder[6], ladder[1], ladder[4], ladder[3]];
    for (const T of [d(0), d(1), d(2), d(3), d(5), d(6), d(7)]) {
      expect(stageAt(reversed, T)).toBe(stageAt(ladder, T));
      expect(stageAt(shuffled, T)).toBe(stageAt(ladder, T));
    }
    expect(stageHistory(shuffled, d(7))).toEqual(stageHistory(ladder, d(7)));
  });

  it('orders facts of the same ms by version, not by array position', () => {
    const facts: LifecycleFact[] = [
      { kind: 'purchase', at: d(10), version: 4 },
      { kind: 'churned', at: d(10), version: 3 },
      { kind: 'purchase', at: d(1), version: 2 },
      { kind: 'registered', at: d(0), version: 1 },
    ];
    expect(stageAt(facts, d(10))).toBe('repeat-buyer');
  });

  it('leaves the input array as it was', () => {
    const reversed = [...ladder].reverse();
    stageHistory(reversed, d(7));
    expect(reversed).toEqual([...ladder].reverse());
  });
});

describe('stage history', () => {
  it('merges facts that do not change the stage, and ignores facts after T', () => {
    const facts = stream(registered(d(0)), purchase(d(1)), referral(d(2)), survey(d(3), 5), purchase(d(9)));
    expect(stageHistory(facts, d(4))).toEqual([span('suspect', d(0), d(1)), span('first-time-buyer', d(1), null)]);
  });

  it('its current entry is the stage at T, for every T of the fixtures', () => {
    const aging = stream(registered(d(0)), purchase(d(1)), purchase(d(2)), purchase(d(3)), purchase(d(4)));
    for (const T of [d(0), d(3) + 7, d(4), d(1) + Y, d(1) + Y + 1, d(2) + Y + 5, d(4) + Y + 1, d(800)]) {
      expect(stageHistory(aging, T).at(-1)?.stage).toBe(stageAt(aging, T));
    }
  });

  it('stageSince gives the current entry from, null without a history', () => {
    expect(stageSince(stageHistory(ladder, d(6) + DAY / 2))).toBe(d(6));
    expect(stageSince(stageHistory(ladder, d(7)))).toBe(d(7));
    expect(stageSince([])).toBeNull();
  });
});

describe('funnel', () => {
  const T = d(100);
  const cohort = [
    { customerId: 'A', history: [span('suspect', d(0), d(10)), span('prospect', d(10), d(30)), span('first-time-buyer', d(30), null)] },
    {
      customerId: 'B', // skips prospect
      history: [
        span('suspect', d(0), d(5)),
        span('first-time-buyer', d(5), d(20)),
        span('repeat-buyer', d(20), d(50)),
        span('client', d(50), null),
      ],
    },
    { customerId: 'C', history: [span('suspect', d(0), d(40)), span('prospect', d(40), d(65)), span('disqualified', d(65), null)] },
    {
      customerId: 'D', // lapsed, won back: two stays as a repeat buyer
      history: [
        span('suspect', d(0), d(12)),
        span('first-time-buyer', d(12), d(20)),
        span('repeat-buyer', d(20), d(30)),
        span('lapsed', d(30), d(60)),
        span('repeat-buyer', d(60), null),
      ],
    },
    { customerId: 'E', history: [span('suspect', d(0), null)] },
    { customerId: 'F', history: [span('suspect', d(0), d(1)), span('partner', d(1), null)] }, // skips five
  ];

  it('counts current, reached (skipped stages passed), conversion and median days', () => {
    expect(funnel(cohort, T)).toEqual([
      // suspect stays 10, 5, 40, 12, 100, 1 days: (10 + 12) / 2
      { stage: 'suspect', current: 1, reached: 6, conversionToNext: 5 / 6, medianDaysInStage: 11 },
      // A 20, C 25: even count
      { stage: 'prospect', current: 0, reached: 5, conversionToNext: 4 / 5, medianDaysInStage: 22.5 },
      // A 70, B 15, D 8: odd count
      { stage: 'first-time-buyer', current: 1, reached: 4, conversionToNext: 3 / 4, medianDaysInStage: 15 },
      // B 30, D 10 + 40 summed
      { stage: 'repeat-buyer', current: 1, reached: 3, conversionToNext: 2 / 3, medianDaysInStage: 40 },
      { stage: 'client', current: 1, reached: 2, conversionToNext: 1 / 2, medianDaysInStage: 50 },
      { stage: 'advocate', current: 0, reached: 1, conversionToNext: 1, medianDaysInStage: null },
      { stage: 'partner', current: 1, reached: 1, conversionToNext: null, medianDaysInStage: 99 },
    ]);
  });

  it('an empty cohort: zeros, no conversion, no median', () => {
    for (const row of funnel([{ customerId: 'X', history: [] }], T)) {
      expect(row).toEqual({ stage: row.stage, current: 0, reached: 0, conversionToNext: null, medianDaysInStage: null });
    }
  });

  it('measures days as a fraction, and reads a history as of T', () => {
    const history = [span('suspect', d(0), d(0) + DAY / 2), span('prospect', d(0) + DAY / 2, d(20)), span('first-time-buyer', d(20), null)];
    const rows = funnel([{ customerId: 'A', history }], d(1));
    expect(rows.slice(0, 3)).toEqual([
      { stage: 'suspect', current: 0, reached: 1, conversionToNext: 1, medianDaysInStage: 0.5 },
      { stage: 'prospect', current: 1, reached: 1, conversionToNext: 0, medianDaysInStage: 0.5 },
      { stage: 'first-time-buyer', current: 0, reached: 0, conversionToNext: null, medianDaysInStage: null },
    ]);
  });

  it('from stage histories: a lapsed first-time buyer keeps what it reached', () => {
    const lapsed = stream(registered(d(0)), purchase(d(1)), churned(d(3)));
    const rows = funnel(
      [
        { customerId: 'ladder', history: stageHistory(ladder, d(7)) },
        { customerId: 'lapsed', history: stageHistory(lapsed, d(7)) },
      ],
      d(7),
    );
    expect(rows.map((row) => [row.stage, row.current, row.reached, row.conversionToNext, row.medianDaysInStage])).toEqual([
      ['suspect', 0, 2, 1, 1],
      ['prospect', 0, 2, 1, 1], // the lapsed one skipped it: reached, but never in it
      ['first-time-buyer', 0, 2, 0.5, 1.5],
      ['repeat-buyer', 0, 1, 1, 2],
      ['client', 0, 1, 1, 1],
      ['advocate', 0, 1, 1, 1],
      ['partner', 1, 1, null, 0],
    ]);
  });
});
