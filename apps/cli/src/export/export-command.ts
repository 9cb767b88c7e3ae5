import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { UsageError } from '../command-line';
import type { Command } from '../command';
import { openCliRuntime } from '../open-runtime';
import { stopSignal } from '../stop-signal';

const positionPattern = /^(0|[1-9][0-9]{0,15})$/;

export const exportCommand: Command = {
  name: 'export',
  synopsis: '[--customer <id>] [--from <position>] [--to <position>] [--out <file>]',
  summary: 'write events with their hash links and the checkpoints that cover them, as NDJSON',
  description: [
    "Writes one customer's stream (--customer), a range of $all positions (--from, --to, inclusive) or everything",
    'to --out (default standard output), one JSON object a line: a header, the signed checkpoints, for a customer',
    'the proofs that each checkpoint committed to its stream, the wrapped stream keys (an import with the same',
    'master key reads the personal data again), the events in the envelope of DESIGN.md §8 with their hash links',
    '(and the sealed form the link covers), and an end line. Erased personal data reads null. It covers what was',
    'written when it started. `crm verify --file <export> --public-key <pem>` checks it with no database.',
  ].join('\n'),
  arguments: [],
  options: { customer: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
  async run(_positionals, options) {
    const position = (name: 'from' | 'to') => {
      const value = options[name];
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || !positionPattern.test(value)) throw new UsageError(`--${name} must be a position of $all: a whole number`, exportCommand);
      return Number(value);
    };
    const from = position('from');
    const to = position('to');
    if (from !== undefined && to !== undefined && to < from) throw new UsageError('--to must not be below --from', exportCommand);
    const customerId = typeof options.customer === 'string' ? options.customer : undefined;
    const stop = stopSignal();
    const out: Writable = typeof options.out === 'string' ? createWriteStream(options.out, { flags: 'wx' }) : process.stdout;
    const { runtime } = await openCliRuntime();
    let events = 0;
    let shownAt = 0;
    try {
      for await (const line of runtime.evidence.export({ customerId, from, to })) {
        if (stop.aborted) throw new Error(`${String(stop.reason)}: the export stopped; the file is incomplete (no end line)`);
        if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
        if ('event' in line) {
          events++;
          if (Date.now() - shownAt > 1000) {
            process.stderr.write(`exported ${events} events, up to position ${line.event.position}\n`);
            shownAt = Date.now();
          }
        }
        if ('end' in line) process.stderr.write(`exported ${line.end.events} events, up to position ${line.end.lastPosition}\n`);
      }
    } finally {
      await runtime.close();
      if (out !== process.stdout) {
        out.end();
        await once(out, 'close');
      }
    }
    return 0;
  },
};
