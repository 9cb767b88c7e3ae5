import { setTimeout as sleep } from 'node:timers/promises';
import type { Runtime } from '@crm/application';
import { projectionStatus, readModels, rebuildIdOf, type Generation } from '@crm/projections';
import type { Command } from '../command';
import { openCliRuntime } from '../open-runtime';
import { signalExitCode, stopSignal } from '../stop-signal';
import { buildOutcomes, type BuildOutcome } from './build-outcomes';
import { builders } from './builders';
import { ProgressBars } from './progress-bars';

const lookEveryMs = 250;
const known = readModels.map((p) => p.name);

export const rebuildCommand: Command = {
  name: 'rebuild',
  synopsis: '<name|all>',
  summary: 'build a read model (or all) again from the first event, with progress',
  description: [
    'Builds the projection (or all of them) again into fresh tables while the current ones keep',
    'answering, then switches over at once, as POST /v1/projections/:name/rebuild does. The process',
    "that holds a projection's lease builds it: a service on the same PostgreSQL, or this one, which",
    'runs the projections meanwhile. Exits 0 once every new generation answers, 1 if one failed.',
    '',
    `Projections: ${known.join(', ')}.`,
  ].join('\n'),
  arguments: ['<name|all>'],
  async run([name]) {
    if (name !== 'all' && !known.includes(name)) {
      process.stderr.write(`crm rebuild: there is no projection "${name}"; the projections are ${known.join(', ')} (or all, for every one).\n`);
      return 2;
    }
    // Listened to from the start: a process killed while it opens the embedded database may damage it.
    const stop = stopSignal();
    const { runtime, where } = await openCliRuntime();
    try {
      if (stop.aborted) return signalExitCode(stop.reason as NodeJS.Signals);
      // What no process holds (no service, or one with CRM_PROJECTIONS=off) this one applies and
      // rebuilds; what a service holds, the service rebuilds and this one only watches.
      await runtime.projections.start();
      const builds = await runtime.projections.rebuild(name);
      process.stdout.write(`Rebuilding ${builds.map(rebuildIdOf).join(', ')} on ${where}; the current tables answer until each switches over.\n`);
      const outcomes = await watch(runtime, builds, stop);
      if (!outcomes) return await interrupted(runtime, builds, stop.reason as NodeJS.Signals);
      const failures = builds.flatMap((build, i) => {
        const outcome = outcomes[i];
        return outcome.state === 'failed' ? [`crm rebuild: ${rebuildIdOf(build)} failed: ${outcome.error}\n`] : [];
      });
      if (failures.length > 0) {
        process.stderr.write(failures.join(''));
        return 1;
      }
      process.stdout.write(`Rebuilt ${builds.map(rebuildIdOf).join(', ')}: the new tables answer now.\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};

/** Draws the bars until every build is over; undefined when a signal stopped the watch first. */
async function watch(runtime: Runtime, builds: readonly Generation[], stop: AbortSignal): Promise<BuildOutcome[] | undefined> {
  const bars = new ProgressBars(process.stdout, builds);
  for (let first = true; !stop.aborted; first = false) {
    const outcomes = await buildOutcomes(runtime.client, builds);
    const statuses = await projectionStatus(runtime.store, runtime.client, runtime.projections.projections, Date.now());
    if (first) process.stdout.write(builders(statuses, builds.map((b) => b.name), runtime.projections.holder).map((line) => `${line}\n`).join(''));
    builds.forEach((build, i) => {
      const outcome = outcomes[i];
      if (outcome.state !== 'building') return bars.finish(build.name, outcome.state === 'failed');
      const progress = statuses.find((s) => s.rebuild?.rebuildId === rebuildIdOf(build))?.rebuild;
      if (progress) bars.update(build.name, progress.position, progress.targetPosition);
    });
    bars.draw();
    if (outcomes.every((o) => o.state !== 'building')) return outcomes;
    await sleep(lookEveryMs, undefined, { signal: stop }).catch(() => undefined);
  }
  return undefined;
}

/** Stopping lets a batch under way commit, which may finish a build: tell what is left, and who goes on with it. */
async function interrupted(runtime: Runtime, builds: readonly Generation[], signal: NodeJS.Signals): Promise<number> {
  await runtime.projections.stop();
  const left = (await buildOutcomes(runtime.client, builds)).flatMap((o, i) => (o.state === 'building' ? [rebuildIdOf(builds[i])] : []));
  process.stderr.write(
    left.length === 0
      ? `${signal}: stopped; every rebuild was done by then.\n`
      : `${signal}: stopped watching. ${left.join(', ')} go on from where they are in the process that holds each ` +
          'projection (the service, crm project), or in the next crm rebuild.\n',
  );
  return signalExitCode(signal);
}
