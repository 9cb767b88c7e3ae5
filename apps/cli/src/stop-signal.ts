import { constants } from 'node:os';

/**
 * The first SIGINT or SIGTERM aborts the answered signal (its reason: the signal's name), for
 * the command to stop cleanly; a second one ends the process at once, in case that stop hangs
 * (on a database gone away).
 */
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const first = (name: NodeJS.Signals): void => {
    process.off('SIGINT', first);
    process.off('SIGTERM', first);
    const again = (next: NodeJS.Signals) => process.exit(signalExitCode(next));
    process.once('SIGINT', again);
    process.once('SIGTERM', again);
    controller.abort(name);
  };
  process.on('SIGINT', first);
  process.on('SIGTERM', first);
  return controller.signal;
}

/** A shell's code for a process ended by a signal. */
export const signalExitCode = (name: NodeJS.Signals) => 128 + constants.signals[name];
