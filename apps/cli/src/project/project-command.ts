import { setTimeout as sleep } from 'node:timers/promises';
import type { Runtime } from '@crm/application';
import { projectionStatus } from '@crm/projections';
import type { Command } from '../command';
import { openCliRuntime } from '../open-runtime';
import { stopSignal } from '../stop-signal';
import { StateLog } from './projection-states';

/** How often the projections' states are looked at for the log. */
const lookEveryMs = 1000;

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

export const projectCommand: Command = {
  name: 'project',
  synopsis: '',
  summary: 'apply the read models in this process until stopped',
  description: [
    'Runs the projection daemon as a process of its own, for services started with CRM_PROJECTIONS=off.',
    'Each projection is applied by one process at a time (a lease); with the service or another',
    '`crm project` on the same PostgreSQL, this one takes over what they leave. It logs a line when a',
    "projection's state changes, and stops cleanly on Ctrl-C or SIGTERM (exit 0).",
  ].join('\n'),
  arguments: [],
  async run() {
    // Listened to from the start: a process killed while it opens the embedded database may damage it.
    const stop = stopSignal();
    const { runtime, where } = await openCliRuntime();
    try {
      if (!stop.aborted) {
        await runtime.projections.start();
        log(`applying the read models on ${where} as process ${process.pid}; Ctrl-C or SIGTERM stops`);
        await logStates(runtime, stop);
      }
      log(`${String(stop.reason)}: stopping; the batch under way commits or rolls back whole, and the leases go back`);
    } finally {
      await runtime.close();
    }
    log('stopped');
    return 0;
  },
};

/** A line per change of a projection's state, until the signal. */
async function logStates(runtime: Runtime, stop: AbortSignal): Promise<void> {
  const states = new StateLog(log, runtime.projections.holder);
  let problem = '';
  while (!stop.aborted) {
    try {
      states.show(await projectionStatus(runtime.store, runtime.client, runtime.projections.projections, Date.now()));
      problem = '';
    } catch (error) {
      // The daemon goes on by itself (a database restart); the log says it once.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== problem) log(`could not read the projections' states: ${message}`);
      problem = message;
    }
    await sleep(lookEveryMs, undefined, { signal: stop }).catch(() => undefined);
  }
}
