import type { EventStore, RecordedEvent } from '@crm/event-store';

import { customerOfStream, customerStream } from '@crm/domain';

export { customerOfStream, customerStream };

export interface Folded<S> {
  /** Version of the last event folded in; -1 for a customer never written. */
  version: number;
  state: S;
}

const maxCached = 20_000;

/**
 * Folds customer streams, keeping each result in memory so that a long stream
 * is not folded from scratch on every call. A cached result may lag behind
 * writes of other processes; `fresh` brings it up to the stream's last event
 * by reading only the events after it.
 */
export class StreamFoldCache<S> {
  private readonly cache = new Map<string, Folded<S>>();

  constructor(
    private readonly store: EventStore,
    private readonly initial: () => S,
    private readonly evolve: (state: S, event: RecordedEvent) => S,
  ) {}

  async load(customerId: string, fresh: boolean): Promise<Folded<S>> {
    const known = this.cache.get(customerId);
    if (known && !fresh) return known;
    let { version, state } = known ?? { version: -1, state: this.initial() };
    for await (const event of this.store.readStream(customerStream(customerId), { fromVersion: version + 1 })) {
      state = this.evolve(state, event);
      version = event.streamVersion;
    }
    const loaded = { version, state };
    if (version !== known?.version) this.remember(customerId, loaded);
    return loaded;
  }

  /** Drops what is kept of the customer (an erased customer's personal data must not linger in memory). */
  forget(customerId: string): void {
    this.cache.delete(customerId);
  }

  remember(customerId: string, folded: Folded<S>): void {
    this.cache.delete(customerId);
    this.cache.set(customerId, folded);
    if (this.cache.size > maxCached) this.cache.delete(this.cache.keys().next().value!);
  }
}
