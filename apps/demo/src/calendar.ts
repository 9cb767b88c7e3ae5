import type { Random } from './random';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * 春节 and 中秋 by Gregorian date: lunar-calendar holidays, so a table. 003 asks for 节假日
 * care visits; a dataset outside these years simply has no holiday touches.
 */
const festivalDates = {
  春节: ['2020-01-25', '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06',
    '2028-01-26', '2029-02-13', '2030-02-03', '2031-01-23', '2032-02-11', '2033-01-31', '2034-02-19', '2035-02-08'],
  中秋: ['2020-10-01', '2021-09-21', '2022-09-10', '2023-09-29', '2024-09-17', '2025-10-06', '2026-09-25', '2027-09-15',
    '2028-10-03', '2029-09-22', '2030-09-12', '2031-10-01', '2032-09-19', '2033-09-08', '2034-09-27', '2035-09-16'],
};

export type Festival = keyof typeof festivalDates;

export function festivalsBetween(from: number, to: number): { festival: Festival; at: number }[] {
  return (Object.keys(festivalDates) as Festival[])
    .flatMap((festival) => festivalDates[festival].map((date) => ({ festival, at: Date.parse(`${date}T00:00:00Z`) })))
    .filter(({ at }) => at >= from && at <= to);
}

/** A minute between 09:00 and 18:00 Beijing time (UTC+8) on the UTC day holding `at`. */
export function duringWorkHours(random: Random, at: number): number {
  return Math.floor(at / DAY) * DAY + HOUR + random.int(0, 9 * 60 - 1) * MINUTE;
}

export const isoDate = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** A birth date between the two years, 29 February as likely as any other day. */
export function birthDate(random: Random, fromYear: number, toYear: number): string {
  const first = Date.UTC(fromYear, 0, 1);
  return isoDate(first + random.int(0, (Date.UTC(toYear + 1, 0, 1) - first) / DAY - 1) * DAY);
}

/** The yearly returns of a date within [from, to]; 29 February falls on 28 February in common years. */
export function anniversariesBetween(date: string, from: number, to: number): number[] {
  const [, month, day] = date.split('-').map(Number);
  const returns: number[] = [];
  for (let year = new Date(from).getUTCFullYear(); year <= new Date(to).getUTCFullYear(); year++) {
    const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
    const at = Date.UTC(year, month - 1, month === 2 && day === 29 && !leap ? 28 : day);
    if (at >= from && at <= to) returns.push(at);
  }
  return returns;
}
