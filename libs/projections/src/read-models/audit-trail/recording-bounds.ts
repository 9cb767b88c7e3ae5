import type { AuditRow } from './audit-row';

/** An audit row with the bounds that turn a window of recording times into a range of positions. */
export type BoundedAuditRow = AuditRow & { recorded_high: string; recorded_low: string };

/**
 * An event's position is drawn when it is inserted, its recording time is when its transaction
 * began: a row may be recorded a little before the one ahead of it. So each row also carries the
 * latest recording time of it and every row before it (`recorded_high`) and the earliest of it
 * and every row after it (`recorded_low`). Both grow with position, so every row recorded in
 * [from, to) lies between the first position whose high is at or after `from` and the last whose
 * low is before `to`: two index lookups, then a scan in position order.
 *
 * `rows` are a batch in position order, after every stored row; `latestBefore` is the high of the
 * last stored row (epoch ms), null when none is. The stored rows' lows are lowered to the batch's
 * earliest recording time by the projection itself.
 */
export function withRecordingBounds(rows: readonly AuditRow[], latestBefore: number | null): BoundedAuditRow[] {
  // Each bound is some row's own recording time (or the stored high): its text is reused, not formatted again.
  const times = rows.map((r) => Date.parse(r.recorded_at));
  const highs: string[] = [];
  let high = latestBefore ?? -Infinity;
  let highText = latestBefore === null ? '' : new Date(latestBefore).toISOString();
  for (const [i, t] of times.entries()) {
    if (t > high) [high, highText] = [t, rows[i].recorded_at];
    highs.push(highText);
  }
  const lows: string[] = new Array<string>(rows.length);
  let low = Infinity;
  let lowText = '';
  for (let i = rows.length - 1; i >= 0; i--) {
    if (times[i] < low) [low, lowText] = [times[i], rows[i].recorded_at];
    lows[i] = lowText;
  }
  return rows.map((row, i) => ({ ...row, recorded_high: highs[i], recorded_low: lows[i] }));
}
