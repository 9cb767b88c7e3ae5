/**
 * 四度 (003): satisfaction, loyalty, contribution and dependence of one customer as of T.
 * Satisfaction is the mean SurveyAnswered.satisfaction (1-5) within 365 days mapped onto
 * 0-100; loyalty is the loyalty index; contribution is the customer's tier value over the
 * tier population's total; dependence waits for a share-of-wallet fact.
 */

export interface DegreesInput {
  /** Sum and count of the satisfaction answers (1-5) within 365 days of T. */
  readonly satisfactionSum: number;
  readonly satisfactionCount: number;
  /** The loyalty index, null outside the RFM set. */
  readonly loyaltyIndex: number | null;
  /** The customer's tier value and the sum over the tier population (same metric). */
  readonly tierValueMinor: number;
  readonly populationTierValueMinor: number;
}

export interface FourDegrees {
  readonly satisfaction: number | null;
  readonly loyalty: number | null;
  readonly contribution: number | null;
  readonly dependence: null;
}

export function fourDegrees(input: DegreesInput): FourDegrees {
  const { satisfactionSum: sum, satisfactionCount: n } = input;
  if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(sum) || sum < n || sum > 5 * n) {
    throw new RangeError(`Satisfaction answers are 1-5: a sum of ${sum} over ${n} answers is impossible.`);
  }
  const total = input.populationTierValueMinor;
  return {
    // (mean - 1) × 25 = 25 (sum - n) / n: one division, no drift.
    satisfaction: n === 0 ? null : (25 * (sum - n)) / n,
    loyalty: input.loyaltyIndex,
    contribution: total > 0 ? input.tierValueMinor / total : null,
    dependence: null,
  };
}
