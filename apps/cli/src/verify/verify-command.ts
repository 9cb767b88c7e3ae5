import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { verifyExport, type AuditReport, type ExportReport } from '@crm/event-store';
import { UsageError } from '../command-line';
import type { Command } from '../command';
import { fileLines } from '../file-lines';
import { openCliRuntime } from '../open-runtime';
import { ProgressBars } from '../rebuild/progress-bars';
import { stopSignal } from '../stop-signal';

const drawEveryMs = 200;

export const verifyCommand: Command = {
  name: 'verify',
  synopsis: '[--customer <id> | --all | --file <export> --public-key <pem>]',
  summary: 'check every hash link and signed checkpoint; exit 1 when anything is broken',
  description: [
    "Checks the whole store (--all, the default) or one customer's stream (--customer <id>): every event's",
    'hash link, the signature and chaining of every checkpoint, that their recorded heads give their signed',
    'roots, that each head a checkpoint committed to is still stored as committed (a truncated, deleted or',
    're-chained stream shows here), and that nothing was written into the past the latest checkpoint covers.',
    'Streams through the store a batch of streams at a time, with a progress bar on standard error; lists',
    'every finding on standard output. Exit 0 when all holds, 1 when anything is broken.',
    '',
    'With --file <export> --public-key <pem> it checks a `crm export` file with no database: the signatures and',
    'chaining of its checkpoints, each event\'s link and place in its stream, and that the streams still reach',
    'every head a checkpoint committed to (roots recomputed from a complete export, proofs in a customer\'s).',
  ].join('\n'),
  arguments: [],
  options: { customer: { type: 'string' }, all: { type: 'boolean' }, file: { type: 'string' }, 'public-key': { type: 'string' } },
  async run(_positionals, options) {
    if (options.file !== undefined || options['public-key'] !== undefined) return verifyFile(options);
    if (options.customer !== undefined && options.all) throw new UsageError('--customer and --all exclude each other', verifyCommand);
    const customerId = typeof options.customer === 'string' ? options.customer : undefined;
    const stop = stopSignal();
    const { runtime, where } = await openCliRuntime();
    try {
      if (stop.aborted) return 1;
      process.stderr.write(`verifying ${customerId ? `customer ${customerId}` : 'every stream'} on ${where}\n`);
      const bars = new ProgressBars(process.stderr, [
        { name: 'links', position: 0, targetPosition: 0 },
        { name: 'checkpoints', position: 0, targetPosition: 0 },
      ]);
      let drawnAt = 0;
      const report = await runtime.evidence.verify({
        customerId,
        onProgress: ({ phase, done, total }) => {
          bars.update(phase, done, total);
          if (done === total) bars.finish(phase);
          if (Date.now() - drawnAt >= drawEveryMs || done === total) {
            bars.draw();
            drawnAt = Date.now();
          }
        },
      });
      bars.finish('links');
      bars.finish('checkpoints');
      bars.draw();
      process.stdout.write(describe(report));
      return report.ok ? 0 : 1;
    } finally {
      await runtime.close();
    }
  },
};

/** An export checked with nothing but the file and the public key. */
async function verifyFile(options: Readonly<Record<string, string | boolean | undefined>>): Promise<number> {
  const file = options.file;
  const keyFile = options['public-key'];
  if (typeof file !== 'string' || typeof keyFile !== 'string') throw new UsageError('--file and --public-key go together', verifyCommand);
  if (options.customer !== undefined || options.all) throw new UsageError('--file checks an export, not the database: no --customer or --all', verifyCommand);
  let publicKey;
  try {
    publicKey = createPublicKey(readFileSync(keyFile, 'utf8'));
  } catch (error) {
    throw new Error(`${keyFile} is not a public key in PEM: ${error instanceof Error ? error.message : String(error)}`);
  }
  let shownAt = 0;
  const report = await verifyExport(fileLines(file), publicKey, (events) => {
    if (Date.now() - shownAt < 1000) return;
    process.stderr.write(`checked ${events} events\n`);
    shownAt = Date.now();
  });
  process.stdout.write(describeExport(file, report));
  return report.ok ? 0 : 1;
}

export function describeExport(file: string, report: ExportReport): string {
  const scope = report.scope;
  const what = !scope ? 'no export' : scope.streamId ? `stream ${scope.streamId}` : scope.complete ? 'every stream' : `positions ${scope.from}-${scope.to}`;
  return [
    `${report.ok ? 'OK' : 'BROKEN'}: ${file} (${what}): ${report.events} events, ${report.checkpoints} checkpoints, ${report.checkpointsMatched} commitments matched; ${report.findings.length + report.moreFindings} findings`,
    ...report.findings.map((f) => `line ${f.line}: ${f.problem}`),
    ...(report.moreFindings > 0 ? [`and ${report.moreFindings} more`] : []),
    '',
  ].join('\n');
}

/** The report as lines: a summary, then each finding. */
export function describe(report: AuditReport): string {
  const { checkpoints } = report;
  const lines = [
    `${report.ok ? 'OK' : 'BROKEN'}: ${report.checked} events' links checked, ${report.broken.length} findings; ` +
      `${checkpoints.checked} checkpoints, ${checkpoints.problems.length} with problems` +
      (checkpoints.latest ? `; the latest (#${checkpoints.latest.sequence}, ${checkpoints.latest.createdAt}) covers up to position ${checkpoints.latest.position}` : '; no checkpoint yet') +
      `; ${report.uncovered} events after it are vouched for by their links only.`,
    ...checkpoints.problems.map((p) => `checkpoint ${p.sequence}: ${p.problem}`),
    ...report.broken.map(
      (f) =>
        `${f.reason} ${f.streamId} version ${f.version}: expected ${f.expected ?? '(nothing committed)'}, found ${f.found ?? '(gone)'}` +
        (f.checkpoint === undefined ? '' : ` (checkpoint ${f.checkpoint})`),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
