/**
 * Care dates, every expectation worked out by hand on a calendar (READ-MODELS §2, care agenda).
 * Asia/Shanghai is UTC+8 all year; America/New_York is UTC-5 until 2024-03-10 02:00 local.
 */
import {
  addDays,
  agendaWindow,
  type CareDateSource,
  careDates,
  daysBetween,
  localDate,
  nextOccurrence,
  windowMonthDays,
} from './agenda-dates';

const at = (iso: string): number => Date.parse(iso);
const birthday = (customerId: string, date: string, label = '张伟'): CareDateSource => ({
  customerId,
  kind: 'birthday',
  label,
  date,
});

describe('local dates', () => {
  const T = at('2024-03-09T16:30:00Z');

  it('T = 2024-03-09T16:30Z is already 10 March in Shanghai, still 9 March in UTC and New York', () => {
    expect(localDate(T, 'Asia/Shanghai')).toBe('2024-03-10'); // 00:30 local
    expect(localDate(T, 'UTC')).toBe('2024-03-09');
    expect(localDate(T, 'America/New_York')).toBe('2024-03-09'); // 11:30 local
  });

  it('turns at local midnight', () => {
    expect(localDate(at('2024-03-09T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2024-03-09');
    expect(localDate(at('2024-03-09T16:00:00Z'), 'Asia/Shanghai')).toBe('2024-03-10');
  });

  it('counts calendar days across month, leap day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-20', 30)).toBe('2025-01-19');
    expect(daysBetween('2024-12-20', '2025-01-05')).toBe(16);
    expect(daysBetween('2025-01-05', '2024-12-20')).toBe(-16);
  });

  it('the window runs from today to today + days in the time zone', () => {
    expect(agendaWindow(T, 30, 'Asia/Shanghai')).toStrictEqual({ today: '2024-03-10', until: '2024-04-09' });
    expect(agendaWindow(T, 0, 'UTC')).toStrictEqual({ today: '2024-03-09', until: '2024-03-09' });
  });
});

describe('the next occurrence of a month-day', () => {
  it('is today when today has the month-day', () => {
    expect(nextOccurrence('06-01', '2024-06-01')).toBe('2024-06-01');
  });

  it('wraps into next year once this year’s has passed: 20 Dec 2024, 01-05 -> 5 Jan 2025', () => {
    expect(nextOccurrence('01-05', '2024-12-20')).toBe('2025-01-05');
  });

  it('puts 29 February on 28 February in a common year and keeps it in a leap year', () => {
    expect(nextOccurrence('02-29', '2023-01-10')).toBe('2023-02-28');
    expect(nextOccurrence('02-29', '2025-02-28')).toBe('2025-02-28');
    expect(nextOccurrence('02-29', '2024-01-10')).toBe('2024-02-29');
    expect(nextOccurrence('02-29', '2023-03-01')).toBe('2024-02-29');
    expect(nextOccurrence('02-29', '2024-03-01')).toBe('2025-02-28');
  });

  it('refuses a month-day that never exists', () => {
    expect(() => nextOccurrence('02-30', '2024-01-01')).toThrow(RangeError);
    expect(() => nextOccurrence('13-01', '2024-01-01')).toThrow(RangeError);
  });
});

describe('care dates in the window', () => {
  it('a 29 February birthday: 28 February 2023 (27 years), 29 February 2024 (28 years)', () => {
    const sources = [birthday('c-1', '1996-02-29')];
    // 2023-02-20 00:00 in Shanghai; 20 Feb -> 28 Feb is 8 days.
    expect(careDates(sources, at('2023-02-19T16:00:00Z'), 30, 'Asia/Shanghai')).toStrictEqual([
      { customerId: 'c-1', kind: 'birthday', label: '张伟', date: '2023-02-28', daysUntil: 8, years: 27 },
    ]);
    // 2024-02-20 in Shanghai; 20 Feb -> 29 Feb is 9 days.
    expect(careDates(sources, at('2024-02-19T16:00:00Z'), 30, 'Asia/Shanghai')).toStrictEqual([
      { customerId: 'c-1', kind: 'birthday', label: '张伟', date: '2024-02-29', daysUntil: 9, years: 28 },
    ]);
  });

  it('reads today in the time zone: at 2024-03-09T16:30Z a 10 March birthday is today in Shanghai only', () => {
    const T = at('2024-03-09T16:30:00Z');
    const sources = [birthday('c-1', '1980-03-10', '李娜'), birthday('c-2', '1975-03-09', '王芳')];
    expect(careDates(sources, T, 0, 'Asia/Shanghai')).toStrictEqual([
      { customerId: 'c-1', kind: 'birthday', label: '李娜', date: '2024-03-10', daysUntil: 0, years: 44 },
    ]);
    for (const timeZone of ['UTC', 'America/New_York']) {
      expect(careDates(sources, T, 0, timeZone)).toStrictEqual([
        { customerId: 'c-2', kind: 'birthday', label: '王芳', date: '2024-03-09', daysUntil: 0, years: 49 },
      ]);
      expect(careDates(sources, T, 1, timeZone).map((item) => [item.date, item.daysUntil])).toStrictEqual([
        ['2024-03-09', 0],
        ['2024-03-10', 1],
      ]);
    }
    // In Shanghai 9 March has passed: its next one, 2025-03-09, is far outside [10 Mar, 11 Mar].
    expect(careDates(sources, T, 1, 'Asia/Shanghai').map((item) => item.customerId)).toStrictEqual(['c-1']);
  });

  it('includes today and today + days, and excludes today + days + 1 and yesterday', () => {
    // Today 2024-06-01 (UTC), days 10: the window is [06-01, 06-11].
    const sources = ['06-01', '06-11', '06-12', '05-31'].map(
      (date): CareDateSource => ({ customerId: 'c-1', kind: 'family-birthday', label: date, date }),
    );
    expect(careDates(sources, at('2024-06-01T12:00:00Z'), 10, 'UTC')).toStrictEqual([
      { customerId: 'c-1', kind: 'family-birthday', label: '06-01', date: '2024-06-01', daysUntil: 0, years: null },
      { customerId: 'c-1', kind: 'family-birthday', label: '06-11', date: '2024-06-11', daysUntil: 10, years: null },
    ]);
  });

  it('wraps the year end: today 2024-12-20, a 5 January birthday is 2025-01-05, 16 days on', () => {
    expect(careDates([birthday('c-1', '1990-01-05')], at('2024-12-20T00:00:00Z'), 30, 'UTC')).toStrictEqual([
      { customerId: 'c-1', kind: 'birthday', label: '张伟', date: '2025-01-05', daysUntil: 16, years: 35 },
    ]);
  });

  it('counts the years of an anniversary; a date not yet reached is not listed', () => {
    const sources: CareDateSource[] = [
      { customerId: 'c-1', kind: 'anniversary', label: '合作周年', date: '2019-06-05' },
      { customerId: 'c-1', kind: 'anniversary', label: '开业', date: '2024-06-03' },
      { customerId: 'c-1', kind: 'anniversary', label: '新厂', date: '2026-06-04' },
    ];
    expect(careDates(sources, at('2024-06-01T00:00:00Z'), 10, 'UTC')).toStrictEqual([
      { customerId: 'c-1', kind: 'anniversary', label: '开业', date: '2024-06-03', daysUntil: 2, years: 0 },
      { customerId: 'c-1', kind: 'anniversary', label: '合作周年', date: '2024-06-05', daysUntil: 4, years: 5 },
    ]);
  });

  it('sorts by date, customerId, kind, label in code-unit order', () => {
    const sources: CareDateSource[] = [
      { customerId: 'a', kind: 'family-birthday', label: 'son', date: '06-02' },
      { customerId: 'a', kind: 'contact-birthday', label: 'b', date: '06-02' },
      { customerId: 'a', kind: 'contact-birthday', label: 'B', date: '06-02' },
      { customerId: 'B', kind: 'birthday', label: 'x', date: '06-02' },
      { customerId: 'z', kind: 'birthday', label: 'x', date: '06-01' },
    ];
    const order = careDates(sources, at('2024-06-01T00:00:00Z'), 5, 'UTC').map(
      (item) => `${item.date} ${item.customerId} ${item.kind} ${item.label}`,
    );
    expect(order).toStrictEqual([
      '2024-06-01 z birthday x',
      '2024-06-02 B birthday x',
      '2024-06-02 a contact-birthday B',
      '2024-06-02 a contact-birthday b',
      '2024-06-02 a family-birthday son',
    ]);
  });

  it('refuses bad parameters and dates', () => {
    const T = at('2024-06-01T00:00:00Z');
    expect(() => careDates([], T, -1, 'UTC')).toThrow(RangeError);
    expect(() => careDates([], T, 1.5, 'UTC')).toThrow(RangeError);
    expect(() => careDates([], T, 30, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => careDates([birthday('c-1', '2023-02-29')], T, 30, 'UTC')).toThrow(RangeError);
    expect(() => careDates([birthday('c-1', '1990/01/05')], T, 30, 'UTC')).toThrow(RangeError);
  });

  it('defaults to 30 days in Asia/Shanghai', () => {
    // 2024-06-01T16:00Z is 2 June in Shanghai; 2 June + 30 days = 2 July.
    const sources = [birthday('c-1', '07-02'), birthday('c-2', '07-03')];
    expect(careDates(sources, at('2024-06-01T16:00:00Z')).map((item) => item.date)).toStrictEqual(['2024-07-02']);
  });
});

describe("the window's month-days (what a reader fetches)", () => {
  it('are the local dates from today to today + days, across the year end', () => {
    expect(windowMonthDays(at('2024-12-29T17:00:00Z'), 3, 'Asia/Shanghai')).toEqual(['12-30', '12-31', '01-01', '01-02']);
  });

  it('hold 29 February when 28 February of a common year is in, and not in a leap year', () => {
    expect(windowMonthDays(at('2023-02-27T00:00:00Z'), 1, 'UTC')).toEqual(['02-27', '02-28', '02-29']);
    expect(windowMonthDays(at('2024-02-27T00:00:00Z'), 1, 'UTC')).toEqual(['02-27', '02-28']);
  });

  it('are every month-day (null) for a window of a year or more', () => {
    expect(windowMonthDays(at('2024-02-27T00:00:00Z'), 365, 'UTC')).toBeNull();
    expect(windowMonthDays(at('2024-02-27T00:00:00Z'), 364, 'UTC')).toHaveLength(365);
  });

  it('fetch every source careDates lists: a birthday on each day of two years, windows starting on each', () => {
    const sources: CareDateSource[] = [];
    for (let d = 0; d < 731; d++) sources.push(birthday('c', addDays('1980-01-01', d)));
    for (let start = 0; start < 400; start += 7) {
      const T = at(`${addDays('2023-01-01', start)}T12:00:00Z`);
      const monthDays = new Set(windowMonthDays(T, 10, 'UTC'));
      const fetched = sources.filter((s) => monthDays.has(s.date.slice(5)));
      expect(careDates(fetched, T, 10, 'UTC')).toEqual(careDates(sources, T, 10, 'UTC'));
    }
  });
});
