import type { Command } from '../command';
import { openCliRuntime } from '../open-runtime';
import { signalExitCode, stopSignal } from '../stop-signal';
import { RewrapProgress } from './rewrap-progress';

export const rotateKeysCommand: Command = {
  name: 'rotate-keys',
  synopsis: '',
  summary: "rewrap every customer's key under the current master key, with progress",
  description: [
    "Unwraps each customer's key kept under a previous master key (CRM_MASTER_KEY_PREVIOUS, comma-separated)",
    'and wraps it again under the current one (CRM_MASTER_KEY, else the key file <CRM_DATA_DIR>/keys/master-key),',
    'a batch per transaction. The keys themselves do not change, so no event is rewritten and verify() stays ok.',
    'First give every process on the database the new master key, as current or as previous: a key rewrapped',
    'opens only with it. Stopped (Ctrl-C), it commits the batch under way; run again, it goes on. Exits 0 once no',
    'key is left under another master key (the previous ones are then no longer needed), 1 if some still are.',
  ].join('\n'),
  arguments: [],
  async run() {
    // Listened to from the start: a process killed while it opens the embedded database may damage it.
    const stop = stopSignal();
    const { runtime, where } = await openCliRuntime();
    try {
      if (stop.aborted) return signalExitCode(stop.reason as NodeJS.Signals);
      const { masterKeys } = runtime.streamKeys;
      process.stdout.write(`Rewrapping the customers' keys on ${where} under master key ${masterKeys.current.id}; master keys given: ${masterKeys.describe()}.\n`);
      const progress = new RewrapProgress(process.stdout);
      const { rewrapped, left } = await runtime.streamKeys.rewrap({ signal: stop, onProgress: (p) => progress.update(p) });
      progress.done();
      if (stop.aborted) {
        process.stderr.write(`${String(stop.reason)}: stopped after ${rewrapped} keys; crm rotate-keys goes on from there.\n`);
        return signalExitCode(stop.reason as NodeJS.Signals);
      }
      const still = Object.entries(left);
      if (still.length > 0) {
        process.stderr.write(
          `crm rotate-keys: ${still.map(([id, keys]) => `${keys} keys are still wrapped under master key ${id}`).join(', ')}: ` +
            'a process on the database still makes keys under it. Give every process the new master key, then run crm rotate-keys again.\n',
        );
        return 1;
      }
      process.stdout.write(
        `Rotated: every customer's key is wrapped under master key ${masterKeys.current.id} (${rewrapped} rewrapped). ` +
          'The previous master keys are no longer needed: start the processes without CRM_MASTER_KEY_PREVIOUS.\n',
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
