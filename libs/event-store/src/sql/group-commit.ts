import type { WrongExpectedVersionError } from '../errors';
import type { AppendResult, ExpectedVersion } from '../event-store';
import type { PreparedEvent } from '../validation';

/** An append that passed validation, ready to be written. */
export interface PreparedAppend {
  streamId: string;
  expected: ExpectedVersion;
  events: PreparedEvent[];
}

interface Pending {
  append: PreparedAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: appends leave together, in one statement and one transaction,
 * each stream with its own expected-version check. A batch leaves once the
 * event loop has handled all the I/O that was ready (setImmediate), so that
 * the appends of every request read in one turn travel together instead of
 * the first one leaving alone; appends that arrive while the batches in
 * flight are written wait for the next one. Alone, an append leaves by the
 * single-stream statement. Appends to one stream keep their order and never
 * travel in the same or in parallel batches.
 */
export class GroupCommit {
  private readonly waiting: Pending[] = [];
  private readonly streamsInFlight = new Set<string>();
  private inFlight = 0;
  private flushScheduled = false;

  constructor(
    private readonly writeOne: (append: PreparedAppend) => Promise<AppendResult>,
    private readonly writeMany: (appends: PreparedAppend[]) => Promise<(AppendResult | WrongExpectedVersionError)[]>,
    private readonly inFlightLimit = 2,
    private readonly maxBatch = 64,
  ) {}

  submit(append: PreparedAppend): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.dispatch();
      });
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.inFlightLimit) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.inFlight++;
      for (const { append } of batch) this.streamsInFlight.add(append.streamId);
      void this.write(batch).finally(() => {
        this.inFlight--;
        for (const { append } of batch) this.streamsInFlight.delete(append.streamId);
        this.dispatch();
      });
    }
  }

  /** The oldest waiting append of each stream not being written now, up to the batch size. */
  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const streams = new Set<string>();
    const left: Pending[] = [];
    for (const pending of this.waiting) {
      const stream = pending.append.streamId;
      if (batch.length < this.maxBatch && !streams.has(stream) && !this.streamsInFlight.has(stream)) batch.push(pending);
      else left.push(pending);
      streams.add(stream);
    }
    this.waiting.splice(0, this.waiting.length, ...left);
    return batch;
  }

  private async write(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.writeOne(batch[0].append).then(batch[0].resolve, batch[0].reject);
    try {
      const results = await this.writeMany(batch.map((p) => p.append));
      results.forEach((result, i) => (result instanceof Error ? batch[i].reject(result) : batch[i].resolve(result)));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
