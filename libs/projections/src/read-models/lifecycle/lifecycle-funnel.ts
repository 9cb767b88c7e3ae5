/**
 * The lifecycle funnel over a cohort's stage histories (READ-MODELS §2, 002's ladder): how many
 * are in each ranked stage now, how many got at least that far, the conversion to the next rung
 * and the median time spent on it. A skipped stage counts as passed, and what was reached stays
 * reached when the customer later lapses or is disqualified (those two have no rank).
 *
 * Where the rules are silent:
 * - a customer in a stage several times (lapsed, then won back) counts once, with the sum of
 *   their stays; a stay lasts (to ?? T) - from, in days as a fraction (ms / 86,400,000);
 * - histories are read as of T: an entry beginning after T is ignored and one ending after T is
 *   cut at T, so a history computed at T is taken as it is;
 * - one history per customer; a customer with an empty history counts nowhere.
 *
 * The route counts these rules in the database (readFunnel: seven rows, not every stay); its
 * test holds it to this statement of them on random histories.
 */
import { funnelStages, type RankedStage, type StageSpan, stageRank } from './lifecycle-facts';

const DAY_MS = 86_400_000;

export interface FunnelStage {
  readonly stage: RankedStage;
  /** Customers whose stage at T is this one. */
  readonly current: number;
  /** Customers whose history holds this stage or a higher ranked one. */
  readonly reached: number;
  /** reached(next) / reached(this); null for partner or when nobody reached this one. */
  readonly conversionToNext: number | null;
  /** Median over the customers who were in it of their total days in it; null when none were. */
  readonly medianDaysInStage: number | null;
}

export interface CustomerStageHistory {
  readonly customerId: string;
  readonly history: readonly StageSpan[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function funnel(histories: readonly CustomerStageHistory[], T: number): FunnelStage[] {
  const current = funnelStages.map(() => 0);
  const reached = funnelStages.map(() => 0);
  const days: number[][] = funnelStages.map(() => []);

  for (const { history } of histories) {
    const spans = history.filter((span) => span.from <= T);
    let highest = -1;
    const msInStage = new Map<number, number>();
    for (const span of spans) {
      const rank = stageRank(span.stage);
      if (rank === null) continue;
      highest = Math.max(highest, rank);
      const end = span.to === null ? T : Math.min(span.to, T);
      msInStage.set(rank, (msInStage.get(rank) ?? 0) + (end - span.from));
    }
    for (let rank = 0; rank <= highest; rank += 1) reached[rank] += 1;
    for (const [rank, ms] of msInStage) days[rank].push(ms / DAY_MS);
    const now = spans.find((span) => span.to === null || span.to > T);
    const nowRank = now ? stageRank(now.stage) : null;
    if (nowRank !== null) current[nowRank] += 1;
  }

  return funnelStages.map((stage, rank) => {
    const next = rank + 1 < funnelStages.length ? reached[rank + 1] : null;
    return {
      stage,
      current: current[rank],
      reached: reached[rank],
      conversionToNext: next === null || reached[rank] === 0 ? null : next / reached[rank],
      medianDaysInStage: median(days[rank]),
    };
  });
}
