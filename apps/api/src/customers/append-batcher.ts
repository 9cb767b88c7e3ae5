import { Inject, Injectable } from '@nestjs/common';
import type { AppendRequest, AppendResult, EventStore } from '../../../../libs/event-store/src';
import { EVENT_STORE } from '../database/database.module';

interface Pending {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Appends in flight at once; more wait and leave together in the next one. */
const inFlightLimit = 2;
const maxBatch = 64;

/**
 * Group commit for commands: appends that arrive while earlier ones are being
 * written leave together, in one statement and one transaction, each stream
 * with its own expected-version check. Under load that turns many round trips
 * and commits into few; alone, an append leaves at once. Callers must not send
 * two appends to one stream at the same time (the command queue sees to it).
 */
@Injectable()
export class AppendBatcher {
  private readonly waiting: Pending[] = [];
  private inFlight = 0;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < inFlightLimit && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, maxBatch);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.dispatch();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const results = await this.store.appendToStreams(batch.map((p) => p.request));
      results.forEach((result, i) => (result instanceof Error ? batch[i].reject(result) : batch[i].resolve(result)));
    } catch (error) {
      // Bad input in one request fails the call: write each alone so that only that one fails.
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((p) => this.store.append(p.request.streamId, p.request.events, p.request.expectedVersion).then(p.resolve, p.reject)));
    }
  }
}
