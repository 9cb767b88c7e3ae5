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

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
function dayNumber(date: string): number {
  const { year, month, day } = parseDate(date);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return utc.getTime() / DAY_MS;
}

function fromDayNumber(days: number): string {
  const utc = new Date(days * DAY_MS);
  return `${String(utc.getUTCFullYear()).padStart(4, '0')}-${pad2(utc.getUTCMonth() + 1)}-${pad2(utc.getUTCDate())}`;
}

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The month-day's date in a year: 29 February falls on 28 February in a common year. */
function occurrenceIn(year: number, monthDay: string): string {
  const { month, day } = parseMonthDay(monthDay);
  const shifted = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(shifted)}`;
}

/** The first date on or after `today` with the month-day 'MM-DD'. */
export function nextOccurrence(monthDay: string, today: string): string {
  const { year } = parseDate(today);
  const thisYear = occurrenceIn(year, monthDay);
  return daysBetween(today, thisYear) >= 0 ? thisYear : occurrenceIn(year + 1, monthDay);
}

/** The local dates [today, today + days]. */
export function agendaWindow(T: number, days: number, timeZone: string): { today: string; until: string } {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number >= 0, not ${days}`);
  const today = localDate(T, timeZone);
  return { today, until: addDays(today, days) };
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
  const items = sources.flatMap(({ customerId, kind, label, date: original }): CareDate[] => {
    const yearKnown = original.length === 10;
    const monthDay = yearKnown ? original.slice(5) : original;
    if (yearKnown) parseDate(original);
    const date = nextOccurrence(monthDay, today);
    if (daysBetween(date, until) < 0) return [];
    if (yearKnown && daysBetween(original, date) < 0) return [];
    const years = yearKnown ? parseDate(date).year - parseDate(original).year : null;
    return [{ customerId, kind, label, date, daysUntil: daysBetween(today, date), years }];
  });
  return items.sort(
    (a, b) =>
      codeUnitOrder(a.date, b.date) ||
      codeUnitOrder(a.customerId, b.customerId) ||
      codeUnitOrder(a.kind, b.kind) ||
      codeUnitOrder(a.label, b.label),
  );
}
