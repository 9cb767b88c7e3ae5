import { createPublicKey, type KeyObject } from 'node:crypto';
import { accessSync, constants, readFileSync } from 'node:fs';
import { projectionStatus } from '@crm/projections';
import { UsageError } from '../command-line';
import type { Command } from '../command';
import { fileLines } from '../file-lines';
import { openCliRuntime } from '../open-runtime';

export const importCommand: Command = {
  name: 'import',
  synopsis: '--file <export> [--public-key <pem>]',
  summary: 'store a `crm export` file as it was: same positions, ids and hash links; resumable',
  description: [
    'Reads an export line by line, checks each as `crm verify --file` does (signatures with --public-key, by',
    "default this deployment's own), and stores it as it was: the wrapped stream keys (this database's master",
    'key must be the one they are wrapped under), the events by COPY, 5,000 a transaction, then, for a complete',
    'export, its checkpoints. A line that fails a check stops the import there, named by its number; what came',
    'before it is stored whole. Run again on the same file, it skips what is stored and goes on; a second import',
    'of a whole file writes nothing. The database must have no other writer meanwhile: stop the services on it.',
    'Once done, start the service: the read models are built from the imported events.',
  ].join('\n'),
  arguments: [],
  options: { file: { type: 'string' }, 'public-key': { type: 'string' } },
  async run(_positionals, options) {
    if (typeof options.file !== 'string') throw new UsageError('--file <export> is needed', importCommand);
    const file = options.file;
    let publicKey: KeyObject | undefined;
    if (typeof options['public-key'] === 'string') {
      const keyFile = options['public-key'];
      try {
        publicKey = createPublicKey(readFileSync(keyFile, 'utf8'));
      } catch (error) {
        throw new Error(`${keyFile} is not a public key in PEM: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new Error(`${file} cannot be read`);
    }
    const { runtime, where } = await openCliRuntime();
    try {
      const applying = (await projectionStatus(runtime.store, runtime.client, runtime.projections.projections, Date.now())).filter((p) => p.heldBy !== null);
      if (applying.length > 0) {
        throw new Error(`a service is running on ${where} (${applying[0].heldBy} applies the read models): stop the services on the database before importing`);
      }
      let shownAt = 0;
      const report = await runtime.evidence.import(fileLines(file), {
        publicKey,
        onProgress: ({ lines, written, skipped }) => {
          if (Date.now() - shownAt < 1000) return;
          process.stderr.write(`line ${lines}: ${written} events written, ${skipped} already stored\n`);
          shownAt = Date.now();
        },
      });
      const summary = `${report.written} events written, ${report.skipped} already stored, ${report.keysStored} stream keys, ${report.checkpointsWritten} checkpoints written`;
      if (report.refused) {
        process.stdout.write(`REFUSED at line ${report.refused.line}: ${report.refused.problem}\n${summary} before it.\n`);
        return 1;
      }
      process.stdout.write(`imported ${file} into ${where}: ${summary}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
