/**
 * Care dates (003: 节假日、生日进行慰问走访): birthdays, family birthdays, anniversaries and
 * contacts' birthdays falling in the agenda's window. A birthday is a local calendar date, so
 * "today" is the date at T on the wall of the given IANA time zone (Intl.DateTimeFormat, no
 * date library); the window is the local dates [today, today + days], both ends included.
 * Calendar dates are 'YYYY-MM-DD' strings; day arithmetic counts whole calendar days.
 */

import { DAY_MS } from '../value/rfm';

export type CareDateKind = 'birthday' | 'family-birthday' | 'anniversary' | 'contact-birthday';

export interface CareDateSource {
  readonly customerId: string;
  readonly kind: CareDateKind;
  /** Who or what, e.g. the contact's or family member's name, or the anniversary's label. */
  readonly label: string;
  /** The original date 'YYYY-MM-DD', or 'MM-DD' when the year is unknown. */
  readonly date: string;
}

export interface CareDate {
  readonly customerId: string;
  readonly kind: CareDateKind;
  readonly label: string;
  /** The occurrence in the window, 'YYYY-MM-DD'. */
  readonly date: string;
  /** Calendar days from today: 0 is today. */
  readonly daysUntil: number;
  /** The occurrence's year minus the original year; null when the year is unknown. */
  readonly years: number | null;
}


const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for a time zone that is not IANA-known.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date at an instant on the wall of an IANA time zone. */
export function localDate(instantMs: number, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instantMs);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

function parseDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? match.slice(1).map(Number) : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`);
  }
  return { year, month, day };
}

/** A month-day 'MM-DD' that exists in some year (29 February included). */
function parseMonthDay(monthDay: string): { month: number; day: number } {
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  const [month, day] = match ? match.slice(1).map(Number) : [0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) {
    throw new RangeError(`Not a month-day MM-DD: ${monthDay}`);
  }
  return { month, day };
}

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Days since 1970-01-01 of a calendar date, proleptic Gregorian, any year (H. Hinnant's days_from_civil). */
function civilDay({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const dayNumber = (date: string): number => civilDay(parseDate(date));

function fromDayNumber(days: number): string {
  const utc = new Date(days * DAY_MS);
  return `${String(utc.getUTCFullYear()).padStart(4, '0')}-${pad2(utc.getUTCMonth() + 1)}-${pad2(utc.getUTCDate())}`;
}

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The month-day's date in a year: 29 February falls on 28 February in a common year. */
function occurrenceIn(year: number, { month, day }: Omit<CalendarDate, 'year'>): CalendarDate {
  return { year, month, day: month === 2 && day === 29 && !isLeapYear(year) ? 28 : day };
}

/** The first date on or after `today` with the month-day. */
function nextOccurrenceOf(monthDay: Omit<CalendarDate, 'year'>, today: CalendarDate): CalendarDate {
  const thisYear = occurrenceIn(today.year, monthDay);
  return civilDay(thisYear) >= civilDay(today) ? thisYear : occurrenceIn(today.year + 1, monthDay);
}

const formatDate = ({ year, month, day }: CalendarDate): string => `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;

/** The first date on or after `today` with the month-day 'MM-DD'. */
export const nextOccurrence = (monthDay: string, today: string): string => formatDate(nextOccurrenceOf(parseMonthDay(monthDay), parseDate(today)));

/** The local dates [today, today + days]. */
export function agendaWindow(T: number, days: number, timeZone: string): { today: string; until: string } {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number >= 0, not ${days}`);
  const today = localDate(T, timeZone);
  return { today, until: addDays(today, days) };
}

/**
 * The month-days 'MM-DD' of the window's dates, so that a reader may fetch only the sources that
 * can fall in it: 29 February too when the window holds 28 February of a common year (it falls
 * there). Null when the window spans a year or more (every month-day).
 */
export function windowMonthDays(T: number, days: number, timeZone: string): string[] | null {
  if (days >= 365) return null;
  const { today } = agendaWindow(T, days, timeZone);
  const monthDays: string[] = [];
  for (let n = dayNumber(today), end = n + days; n <= end; n++) {
    const date = fromDayNumber(n);
    monthDays.push(date.slice(5));
    if (date.endsWith('-02-28') && !isLeapYear(Number(date.slice(0, 4)))) monthDays.push('02-29');
  }
  return monthDays;
}

const codeUnitOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each source's next occurrence on or after today, when it falls in the window: one item per
 * source, even for a window of a year or more. An occurrence before the original date (a date
 * not yet reached) is not listed. Sorted by date, customerId, kind, label (code-unit order).
 */
export function careDates(
  sources: readonly CareDateSource[],
  T: number,
  days = 30,
  timeZone = 'Asia/Shanghai',
): CareDate[] {
  const { today, until } = agendaWindow(T, days, timeZone);
  // Each date parsed once and compared as day numbers: the agenda may read tens of thousands.
  const todayDate = parseDate(today);
  const [todayDay, untilDay] = [civilDay(todayDate), dayNumber(until)];
  const items = sources.flatMap(({ customerId, kind, label, date: original }): CareDate[] => {
    const originalDate = original.length === 10 ? parseDate(original) : undefined;
    const next = nextOccurrenceOf(originalDate ?? parseMonthDay(original), todayDate);
    const nextDay = civilDay(next);
    if (nextDay > untilDay) return [];
    if (originalDate && nextDay < civilDay(originalDate)) return [];
    const years = originalDate ? next.year - originalDate.year : null;
    return [{ customerId, kind, label, date: formatDate(next), daysUntil: nextDay - todayDay, years }];
  });
  return items.sort(
    (a, b) =>
      codeUnitOrder(a.date, b.date) ||
      codeUnitOrder(a.customerId, b.customerId) ||
      codeUnitOrder(a.kind, b.kind) ||
      codeUnitOrder(a.label, b.label),
  );
}
