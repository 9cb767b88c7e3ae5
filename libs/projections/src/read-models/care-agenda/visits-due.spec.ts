/**
 * Visits due and no-contact alerts, worked out by hand with the default cadence (key 7,
 * general 28, small 56 days). A day is 86,400,000 ms; every instant below is UTC.
 */
import type { InteractionChannel, Tier } from '@crm/domain';
import { DAY_MS } from '../value/rfm';
import { type CareCustomer, careCadencePolicy, noContactAlerts, visitsDue } from './visits-due';

const at = (iso: string): number => Date.parse(iso);
const customer = (
  customerId: string,
  tier: Tier,
  registered: string,
  interactions: [string, InteractionChannel][] = [],
  plans: [string, string][] = [],
): CareCustomer => ({
  customerId,
  tier,
  registeredAt: at(registered),
  interactions: interactions.map(([iso, channel]) => ({ at: at(iso), channel })),
  plannedVisits: plans.map(([madeAt, plannedFor]) => ({ at: at(madeAt), plannedFor: at(plannedFor) })),
});

describe('visits due', () => {
  // T = 2024-03-10T00:00Z, days = 7: listed when due by 2024-03-17T00:00Z.
  const T = at('2024-03-10T00:00:00Z');
  const customers = [
    // General, met 2024-02-18: due + 28 d = 2024-03-17T00:00Z, exactly T + 7 d: listed, 7 days until.
    customer('c-edge', 'general', '2023-01-01T00:00:00Z', [['2024-02-18T00:00:00Z', 'meeting']]),
    // 1 ms later: due T + 7 d + 1 ms, not listed.
    customer('c-beyond', 'general', '2023-01-01T00:00:00Z', [['2024-02-18T00:00:00.001Z', 'visit']]),
    // Key, visited 2024-02-28T12:00Z: due 2024-03-06T12:00Z, 3.5 days ago: 3 days overdue.
    customer('c-overdue', 'key', '2023-01-01T00:00:00Z', [['2024-02-28T12:00:00Z', 'visit']]),
    // Key, visited 2024-03-03: due exactly at T: 0 days overdue.
    customer('c-today', 'key', '2023-01-01T00:00:00Z', [['2024-03-03T00:00:00Z', 'visit']]),
    // Small, never visited (a call does not count): registration 2024-01-15 + 56 d = 2024-03-11, 1 day until.
    customer(
      'c-new',
      'small',
      '2024-01-15T00:00:00Z',
      [['2024-03-09T00:00:00Z', 'call']],
      [
        ['2024-03-01T00:00:00Z', '2024-03-12T09:00:00Z'],
        ['2024-03-05T00:00:00Z', '2024-03-11T09:00:00Z'],
        ['2024-03-11T00:00:00Z', '2024-03-11T06:00:00Z'], // planned after T: not known yet
        ['2024-03-01T00:00:00Z', '2024-03-08T09:00:00Z'], // planned for before T
      ],
    ),
    // General, visited 2024-02-12T12:00Z: due 2024-03-11T12:00Z, 1.5 days on: 2 days until (rounded up).
    customer('c-half', 'general', '2023-01-01T00:00:00Z', [['2024-02-12T12:00:00Z', 'visit']]),
    // Key, visited 2024-03-01 (due 2024-03-08, 2 days overdue); the visit on 2024-03-11 is after T.
    customer('c-later', 'key', '2023-01-01T00:00:00Z', [
      ['2024-03-11T00:00:00Z', 'visit'],
      ['2024-03-01T00:00:00Z', 'visit'],
    ]),
    // Registered after T: not in the population.
    customer('c-future', 'key', '2024-03-10T00:00:00.001Z'),
  ];

  it('lists visits due by T + days, in dueAt order, overdue or with days until', () => {
    expect(visitsDue(customers, T, 7)).toStrictEqual([
      {
        customerId: 'c-overdue',
        tier: 'key',
        lastContactAt: at('2024-02-28T12:00:00Z'),
        dueAt: at('2024-03-06T12:00:00Z'),
        overdueDays: 3,
        daysUntil: null,
        nextPlannedVisit: null,
      },
      {
        customerId: 'c-later',
        tier: 'key',
        lastContactAt: at('2024-03-01T00:00:00Z'),
        dueAt: at('2024-03-08T00:00:00Z'),
        overdueDays: 2,
        daysUntil: null,
        nextPlannedVisit: null,
      },
      {
        customerId: 'c-today',
        tier: 'key',
        lastContactAt: at('2024-03-03T00:00:00Z'),
        dueAt: T,
        overdueDays: 0,
        daysUntil: null,
        nextPlannedVisit: null,
      },
      {
        customerId: 'c-new',
        tier: 'small',
        lastContactAt: at('2024-01-15T00:00:00Z'),
        dueAt: at('2024-03-11T00:00:00Z'),
        overdueDays: null,
        daysUntil: 1,
        nextPlannedVisit: at('2024-03-11T09:00:00Z'),
      },
      {
        customerId: 'c-half',
        tier: 'general',
        lastContactAt: at('2024-02-12T12:00:00Z'),
        dueAt: at('2024-03-11T12:00:00Z'),
        overdueDays: null,
        daysUntil: 2,
        nextPlannedVisit: null,
      },
      {
        customerId: 'c-edge',
        tier: 'general',
        lastContactAt: at('2024-02-18T00:00:00Z'),
        dueAt: at('2024-03-17T00:00:00Z'),
        overdueDays: null,
        daysUntil: 7,
        nextPlannedVisit: null,
      },
    ]);
  });

  it('with days = 0 lists only what is due by T', () => {
    expect(visitsDue(customers, T, 0).map((due) => due.customerId)).toStrictEqual(['c-overdue', 'c-later', 'c-today']);
  });

  it('ties in dueAt go by customerId, code-unit order', () => {
    const twins = [
      customer('a', 'key', '2024-03-01T00:00:00Z'),
      customer('B', 'key', '2024-03-01T00:00:00Z'),
    ];
    expect(visitsDue(twins, T, 0).map((due) => due.customerId)).toStrictEqual(['B', 'a']);
  });

  it('reads the cadence from the settings', () => {
    const policy = careCadencePolicy({ key: 14 });
    expect(policy).toStrictEqual({ key: 14, general: 28, small: 56 });
    // c-today, key, visited 2024-03-03: due 2024-03-17 with 14 days.
    expect(visitsDue([customers[3]], T, 7, policy)[0]).toMatchObject({
      dueAt: at('2024-03-17T00:00:00Z'),
      daysUntil: 7,
    });
    expect(() => careCadencePolicy({ small: 0 })).toThrow(RangeError);
    expect(() => visitsDue(customers, T, -1)).toThrow(RangeError);
  });
});

describe('no-contact alerts', () => {
  // Key: 2 × 7 = 14 days. T = 2024-03-15T00:00Z; 14 days before is 2024-03-01T00:00Z.
  const T = at('2024-03-15T00:00:00Z');

  it('exactly twice the cadence is not an alert; 1 ms more is, with 14 whole days', () => {
    const exactly = customer('c-1', 'key', '2023-01-01T00:00:00Z', [['2024-03-01T00:00:00Z', 'email']]);
    const over = customer('c-2', 'key', '2023-01-01T00:00:00Z', [['2024-02-29T23:59:59.999Z', 'email']]);
    expect(T - at('2024-03-01T00:00:00Z')).toBe(14 * DAY_MS);
    expect(noContactAlerts([exactly, over], T)).toStrictEqual([
      { customerId: 'c-2', tier: 'key', lastInteractionAt: at('2024-02-29T23:59:59.999Z'), daysSince: 14 },
    ]);
  });

  it('counts every channel and falls back to the registration', () => {
    const silent = [
      // Small: 112 days. Registered 2023-11-01, nothing since: 30 + 31 + 31 + 29 + 14 = 135 days.
      customer('c-3', 'small', '2023-11-01T00:00:00Z', [['2024-03-16T00:00:00Z', 'visit']]),
      // General: 56 days. A WeChat message on 2024-03-01 counts: 14 days, no alert.
      customer('c-4', 'general', '2023-01-01T00:00:00Z', [['2024-03-01T00:00:00Z', 'wechat']]),
      // General: last call 2024-01-01: 31 + 29 + 14 = 74 days > 56.
      customer('c-5', 'general', '2023-01-01T00:00:00Z', [
        ['2023-12-01T00:00:00Z', 'visit'],
        ['2024-01-01T00:00:00Z', 'call'],
      ]),
      customer('c-6', 'key', '2024-03-16T00:00:00Z'),
    ];
    expect(noContactAlerts(silent, T)).toStrictEqual([
      { customerId: 'c-3', tier: 'small', lastInteractionAt: at('2023-11-01T00:00:00Z'), daysSince: 135 },
      { customerId: 'c-5', tier: 'general', lastInteractionAt: at('2024-01-01T00:00:00Z'), daysSince: 74 },
    ]);
  });
});
