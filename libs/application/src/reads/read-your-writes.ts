import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits, briefly, until a read model holds a customer's events up to `version`, so that a
 * client reading right after its write sees it. A projection that is stopped or far behind
 * does not hold the read up for longer than `maxWaitMs`: the answer is then as of its checkpoint.
 */
export async function awaitVersion(heldVersion: () => Promise<number>, version: number, maxWaitMs = 2_000): Promise<void> {
  const until = Date.now() + maxWaitMs;
  while ((await heldVersion()) < version && Date.now() < until) await sleep(5);
}
