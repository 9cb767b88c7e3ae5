import type { KeyObject } from 'node:crypto';
import { ExportChecker, type ChainedEvent, type ExportFinding, type StoredTexts, type SignedCheckpoint, type SqlImport, type StreamKeys, type WrappedStreamKey } from '@crm/event-store';

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
  let batch: { event: ChainedEvent; stored: StoredTexts }[] = [];
  let keys: WrappedStreamKey[] = [];
  let number = 0;
  const store = async (events: { event: ChainedEvent; stored: StoredTexts }[], line: number) => {
    const known = events.map((e) => e.event).filter((e) => e.position <= stored.lastPosition);
    if (known.length > 0) {
      const links = await sinks.events.linksAt(known.map((e) => e.position));
      const other = known.find((e) => links.get(e.position) !== e.hash);
      if (other) {
        throw new ImportRefusal(
          { line, problem: `the database holds ${links.has(other.position) ? 'another event' : 'no event'} at position ${other.position}: it holds no earlier import of this file` },
          false,
        );
      }
      report.skipped += known.length;
    }
    const fresh = events.filter((e) => e.event.position > stored.lastPosition);
    await sinks.events.writeEvents(fresh);
    report.written += fresh.length;
    onProgress?.({ lines: line, written: report.written, skipped: report.skipped });
  };
  // One batch is written while the next is read and checked: the database and this process work side by side.
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    const events = batch;
    batch = [];
    if (events.length === 0) return;
    const line = number;
    writing = writing.then(() => store(events, line));
    // Awaited before the next batch and at the end; meanwhile a failure is not an unhandled rejection.
    writing.catch(() => undefined);
  };
  const storeKeys = async () => {
    if (keys.length === 0) return;
    await sinks.streamKeys.storeWrapped(keys);
    report.keysStored += keys.length;
    keys = [];
  };
  try {
    for await (const text of lines) {
      number++;
      const { line, findings, stored: texts } = checker.line(text);
      if (findings.length > 0) throw new ImportRefusal(findings[0]);
      if (!line) continue;
      if ('streamKey' in line) {
        const { streamId, masterKeyId, wrappedKey } = line.streamKey;
        keys.push(wrappedKey === null ? { streamId, shredded: true, masterKeyId: null, wrappedKey: null } : { streamId, shredded: false, masterKeyId: masterKeyId!, wrappedKey: Buffer.from(wrappedKey, 'base64') });
      } else if ('event' in line) {
        // Before any event: personal data is readable from its first event on.
        await storeKeys();
        batch.push({ event: line.event, stored: texts! });
        if (batch.length >= eventsPerBatch) {
          await writing;
          write();
        }
      }
    }
    const [problem] = checker.finish();
    if (problem) throw new ImportRefusal(problem);
    write();
    await writing;
    await storeKeys();
    // The source's checkpoints stand only over a copy of all of it.
    if (checker.scope?.complete) report.checkpointsWritten = await sinks.events.writeCheckpoints(checker.checkpoints as SignedCheckpoint[]);
    return report;
  } catch (error) {
    const refusal = await settled(error, writing);
    // What was checked before the refused line is stored whole, so that a fixed file resumes from it.
    if (refusal.keepChecked) {
      write();
      const after = await settled(refusal, writing);
      if (after !== refusal) return { ...report, refused: after.finding };
    }
    return { ...report, refused: refusal.finding };
  }
}

/** The refusal to answer once the write under way ended: its own, if it failed with one; anything else is thrown. */
async function settled(error: unknown, writing: Promise<void>): Promise<ImportRefusal> {
  try {
    await writing;
  } catch (failed) {
    if (failed instanceof ImportRefusal) return failed;
    throw failed;
  }
  if (error instanceof ImportRefusal) return error;
  throw error;
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
