/**
 * The waits before each retry, as Standard Webhooks suggests: 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h. With the first attempt that is eight over about 28 hours; then the delivery is
 * dead-lettered.
 */
export const defaultRetryDelaysMs: readonly number[] = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** Up to this share earlier or later, so that receivers coming back are not hit by every sender at once. */
const jitter = 0.2;

/** The wait before the attempt after `attempt` (1-based), or undefined when that was the last. */
export function retryDelayMs(delays: readonly number[], attempt: number, random: () => number = Math.random): number | undefined {
  const delay = delays[attempt - 1];
  return delay === undefined ? undefined : Math.round(delay * (1 - jitter + 2 * jitter * random()));
}
