/**
 * RFM (recency, frequency, monetary) of the scored customers: those with at least one
 * counted order at T. The SQL hands over per-customer aggregates already restricted to the
 * population and to T; here they become whole days and C6 quintile scores, where a larger
 * recency is worse and a smaller frequency or monetary value is worse. Recency is scored
 * on whole days, so two customers who last bought on the same day-count tie.
 */
import { type QuintileScore, quintileScores } from './quintiles';

/** One day (C1). */
export const DAY_MS = 86_400_000;

/** Whole days from `at` to T: floor((T - at) / 1 day). `at` must not be after T. */
export function wholeDaysSince(at: number, T: number): number {
  if (!Number.isSafeInteger(at) || !Number.isSafeInteger(T)) throw new RangeError(`Instants must be epoch ms, not ${at}, ${T}.`);
  if (at > T) throw new RangeError(`An instant ${at} after T ${T} cannot be counted as of T.`);
  return Math.floor((T - at) / DAY_MS);
}

/** A scored customer's aggregates as of T. */
export interface RfmCustomer {
  readonly customerId: string;
  /** The latest counted order (net > 0) at or before T. */
  readonly lastOrderAt: number;
  /** Counted orders within 365 days of T (may be 0 when the last order is older). */
  readonly frequency: number;
  /** The net sum of those orders. */
  readonly monetaryMinor: number;
}

export interface Rfm {
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetaryMinor: number;
  readonly r: QuintileScore;
  readonly f: QuintileScore;
  readonly m: QuintileScore;
}

/** The RFM answer of every scored customer, keyed by customerId in input order. */
export function rfmScores(customers: readonly RfmCustomer[], T: number): Map<string, Rfm> {
  const recency = customers.map(({ customerId, lastOrderAt, frequency, monetaryMinor }) => {
    if (!Number.isSafeInteger(frequency) || frequency < 0) {
      throw new RangeError(`The frequency of ${customerId} must be a count, not ${frequency}.`);
    }
    if (!Number.isSafeInteger(monetaryMinor)) {
      throw new RangeError(`The monetary value of ${customerId} must be integer minor units, not ${monetaryMinor}.`);
    }
    return { customerId, value: wholeDaysSince(lastOrderAt, T) };
  });
  const r = quintileScores(recency, 'higher');
  const f = quintileScores(customers.map(({ customerId, frequency }) => ({ customerId, value: frequency })), 'lower');
  const m = quintileScores(customers.map(({ customerId, monetaryMinor }) => ({ customerId, value: monetaryMinor })), 'lower');
  const answers = new Map<string, Rfm>();
  customers.forEach(({ customerId, frequency, monetaryMinor }, i) => {
    answers.set(customerId, {
      recencyDays: recency[i]!.value,
      frequency,
      monetaryMinor,
      r: r.get(customerId)!,
      f: f.get(customerId)!,
      m: m.get(customerId)!,
    });
  });
  return answers;
}
