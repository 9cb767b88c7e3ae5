/**
 * C6 quintile score: s = 1 + floor(5w / n), where w is how many of the n scored customers
 * are strictly worse. Ties score alike, so a crowd at the bottom all scores 1 and a score
 * can be skipped. Mirrors the SQL `1 + floor(5 * (rank() over (order by x worst_first) - 1)
 * / count(*) over ())`: rank() - 1 is exactly the number strictly worse.
 */

export type QuintileScore = 1 | 2 | 3 | 4 | 5;

export interface ScoredValue {
  readonly customerId: string;
  readonly value: number;
}

/** Which end of the scale is worse: `lower` for frequency and money, `higher` for recency. */
export type WorseFirst = 'lower' | 'higher';

/** The score of a customer who has w customers strictly worse among n. */
export function quintileScore(w: number, n: number): QuintileScore {
  if (!Number.isSafeInteger(w) || !Number.isSafeInteger(n) || w < 0 || w >= n) {
    throw new RangeError(`A quintile needs 0 <= w < n, not w=${w}, n=${n}.`);
  }
  const fivefold = 5 * w;
  return (1 + (fivefold - (fivefold % n)) / n) as QuintileScore;
}

export function quintileScores(values: readonly ScoredValue[], worseFirst: WorseFirst): Map<string, QuintileScore> {
  const n = values.length;
  const worstFirst = values.map(({ customerId, value }) => {
    if (!Number.isFinite(value)) throw new RangeError(`The value scored for ${customerId} must be finite, not ${value}.`);
    return value;
  });
  worstFirst.sort(worseFirst === 'lower' ? (a, b) => a - b : (a, b) => b - a);
  // The first position of a value in worst-first order = how many are strictly worse.
  const strictlyWorse = new Map<number, number>();
  worstFirst.forEach((value, index) => {
    if (!strictlyWorse.has(value)) strictlyWorse.set(value, index);
  });
  const scores = new Map<string, QuintileScore>();
  for (const { customerId, value } of values) {
    if (scores.has(customerId)) throw new RangeError(`Customer ${customerId} is scored twice.`);
    scores.set(customerId, quintileScore(strictlyWorse.get(value)!, n));
  }
  return scores;
}
