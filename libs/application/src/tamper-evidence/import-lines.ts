import type { KeyObject } from 'node:crypto';
import { ExportChecker, type ChainedEvent, type ExportFinding, type SignedCheckpoint, type SqlImport, type StreamKeys, type WrappedStreamKey } from '@crm/event-store';

export interface ImportProgress {
  lines: number;
  written: number;
  skipped: number;
}

export interface ImportReport {
  /** Events written now. */
  written: number;
  /** Events the database held already, as the file has them (a resumed or repeated import). */
  skipped: number;
  checkpointsWritten: number;
  keysStored: number;
  /** Why the import stopped before the end (what came before it is stored, whole); absent when it went through. */
  refused?: ExportFinding;
}

export interface ImportSinks {
  events: SqlImport;
  streamKeys: StreamKeys;
}

/** Events a transaction: large enough for COPY's speed, small enough to resume from and to keep locks short. */
const eventsPerBatch = 5000;

/**
 * Reads an export line by line, checks each as `crm verify --file` does, and
 * stores what it holds as it was: the wrapped keys, the events by COPY in
 * batches, then the checkpoints. A line that fails a check stops it there,
 * with its number; every batch before it is stored whole. Run again on the
 * same file, it skips what is stored (after comparing its links) and goes on:
 * resumable after an interruption, and a second import writes nothing.
 */
export async function importLines(lines: AsyncIterable<string>, sinks: ImportSinks, publicKey: KeyObject, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport> {
  const checker = new ExportChecker(publicKey);
  const report: ImportReport = { written: 0, skipped: 0, checkpointsWritten: 0, keysStored: 0 };
  const stored = await sinks.events.stored();
  let batch: ChainedEvent[] = [];
  let keys: WrappedStreamKey[] = [];
  let number = 0;
  const flush = async () => {
    const events = batch;
    batch = [];
    if (events.length === 0) return;
    const known = events.filter((e) => e.position <= stored.lastPosition);
    if (known.length > 0) {
      const links = await sinks.events.linksAt(known.map((e) => e.position));
      const other = known.find((e) => links.get(e.position) !== e.hash);
      if (other) {
        throw new ImportRefusal(
          { line: number, problem: `the database holds ${links.has(other.position) ? 'another event' : 'no event'} at position ${other.position}: it holds no earlier import of this file` },
          false,
        );
      }
      report.skipped += known.length;
    }
    const fresh = events.filter((e) => e.position > stored.lastPosition);
    await sinks.events.writeEvents(fresh);
    report.written += fresh.length;
    onProgress?.({ lines: number, written: report.written, skipped: report.skipped });
  };
  try {
    for await (const text of lines) {
      number++;
      const { line, findings } = checker.line(text);
      if (findings.length > 0) throw new ImportRefusal(findings[0]);
      if (!line) continue;
      if ('streamKey' in line) {
        const { streamId, masterKeyId, wrappedKey } = line.streamKey;
        keys.push(wrappedKey === null ? { streamId, shredded: true, masterKeyId: null, wrappedKey: null } : { streamId, shredded: false, masterKeyId: masterKeyId!, wrappedKey: Buffer.from(wrappedKey, 'base64') });
      } else if ('event' in line) {
        if (keys.length > 0) {
          // Before any event: personal data is readable from its first event on.
          await sinks.streamKeys.storeWrapped(keys);
          report.keysStored += keys.length;
          keys = [];
        }
        batch.push(line.event);
        if (batch.length >= eventsPerBatch) await flush();
      }
    }
    const [problem] = checker.finish();
    if (problem) throw new ImportRefusal(problem);
    await flush();
    if (keys.length > 0) {
      await sinks.streamKeys.storeWrapped(keys);
      report.keysStored += keys.length;
    }
    // The source's checkpoints stand only over a copy of all of it.
    if (checker.scope?.complete) report.checkpointsWritten = await sinks.events.writeCheckpoints(checker.checkpoints as SignedCheckpoint[]);
    return report;
  } catch (error) {
    if (!(error instanceof ImportRefusal)) throw error;
    // What was checked before the refused line is stored whole, so that a fixed file resumes from it.
    if (error.keepChecked) await flush();
    return { ...report, refused: error.finding };
  }
}

class ImportRefusal extends Error {
  constructor(
    readonly finding: ExportFinding,
    /** The lines before it passed their checks: store them. */
    readonly keepChecked = true,
  ) {
    super(`line ${finding.line}: ${finding.problem}`);
  }
}
