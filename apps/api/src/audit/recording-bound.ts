/**
 * An instant as a bound of recording times, to the millisecond (ISO, UTC). Recording times
 * are whole milliseconds (the event store's), so a bound with a finer fraction is rounded up
 * to the next millisecond: `from` stays inclusive and `to` exclusive of exactly the same
 * recording times. `instant` is an RFC 3339 instant (see isInstant).
 */
export function recordingBound(instant: string): string {
  // Date.parse keeps the first three digits of the fraction and drops the rest.
  const beyondMilliseconds = /\.\d{3}(\d+)/.exec(instant)?.[1] ?? '';
  return new Date(Date.parse(instant) + (/[1-9]/.test(beyondMilliseconds) ? 1 : 0)).toISOString();
}
