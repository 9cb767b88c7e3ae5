import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type postgres from 'postgres';
import type { Runtime } from '@crm/application';
import type { DemoPlan } from './demo-load';
import { commandOf, occurredAtOf } from './demo-commands';
import { percentProgress } from './progress';

export interface LagResult {
  appendPerSecond: number;
  /** Per event: until the slowest projection's checkpoint held it. */
  lagsMs: number[];
  /** Per projection: until its checkpoint held the event. */
  byProjection: Map<string, number[]>;
  refused: number;
}

interface Pending {
  position: number;
  committedAt: number;
  reached: Map<string, number>;
}

/** How often the checkpoints are read: the resolution of a lag (it is read on its own connection). */
const pollMs = 5;
/** Events appended must be seen by every projection within this long after the last append, or the bench fails. */
const drainMs = 60_000;

/**
 * Appends the plan's facts through the write use case at `rate` per second (paced from the
 * start, not from the last answer), while the daemon runs in this process as in the service;
 * each event's lag is from its append's answer (after commit) to the first read of the
 * checkpoints that shows it applied.
 */
export async function measureLiveLag(runtime: Runtime, watch: postgres.Sql, plan: DemoPlan['live'], rate: number, seconds: number): Promise<LagResult> {
  const names = runtime.projections.projections.map((p) => p.name);
  const total = Math.min(plan.length, rate * seconds);
  const pending: Pending[] = [];
  const result: LagResult = { appendPerSecond: 0, lagsMs: [], byProjection: new Map(names.map((n) => [n, []])), refused: 0 };
  const appends: Promise<void>[] = [];
  let appended = 0;
  let lastAnswer = 0;
  const show = percentProgress(`appending ${rate}/s for ${seconds} s`);
  const started = performance.now();

  const append = ({ customerId, request }: DemoPlan['live'][number]) =>
    runtime.facts
      .record(customerId, commandOf(customerId, request), { actor: 'bench-live', correlationId: randomUUID(), occurredAt: occurredAtOf(request) })
      .then(
        (outcome) => {
          lastAnswer = performance.now();
          appended += outcome.events.length;
          for (const e of outcome.events) pending.push({ position: e.position, committedAt: lastAnswer, reached: new Map() });
        },
        (error: unknown) => {
          if (++result.refused <= 3) process.stderr.write(`live append refused (${customerId} ${request.path}): ${String(error)}\n`);
        },
      );

  const pace = async () => {
    for (let issued = 0; issued < total; ) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
      while (issued < due) appends.push(append(plan[issued++]));
      show(issued / total);
      await sleep(2);
    }
    await Promise.all(appends);
  };

  const watchCheckpoints = async (appending: Promise<void>) => {
    let done = false;
    void appending.then(() => (done = true));
    for (;;) {
      const rows = await watch<{ name: string; position: string }[]>`select name, position::text from crm_projection_generations where status = 'active'`;
      const seenAt = performance.now();
      for (const event of pending) {
        for (const row of rows) if (Number(row.position) >= event.position && !event.reached.has(row.name)) event.reached.set(row.name, seenAt - event.committedAt);
      }
      for (let i = pending.length - 1; i >= 0; i--) {
        const event = pending[i];
        if (!names.every((n) => event.reached.has(n))) continue;
        result.lagsMs.push(Math.max(...event.reached.values()));
        for (const [name, ms] of event.reached) result.byProjection.get(name)!.push(ms);
        pending.splice(i, 1);
      }
      if (done && pending.length === 0) return;
      if (done && seenAt - lastAnswer > drainMs) throw new Error(`${pending.length} live events were not applied by every projection within ${drainMs / 1000} s`);
      await sleep(pollMs);
    }
  };

  const appending = pace();
  await Promise.all([appending, watchCheckpoints(appending)]);
  result.appendPerSecond = appended / ((lastAnswer - started) / 1000);
  return result;
}
