import { Inject, Injectable } from '@nestjs/common';
import {
  customerDecider,
  type CustomerEvent,
  type CustomerState,
} from '../../../../libs/domain/src';
import type { EventStore, RecordedEvent } from '../../../../libs/event-store/src';
import { EVENT_STORE } from '../database/database.module';

export const customerStream = (customerId: string) => `customer-${customerId}`;

export interface LoadedCustomer {
  /** Version of the last event folded in; -1 for a customer never written. */
  version: number;
  state: CustomerState;
}

const maxCached = 20_000;

/**
 * Folds customer streams with the decider, keeping each folded state in memory
 * so that a long stream is not folded from scratch for every command. A cached
 * state may lag behind writes of other processes; it is verified against the
 * stream version: by the append's expected-version check, or by reading the
 * events after it (`fresh`).
 */
@Injectable()
export class CustomerStreams {
  private readonly cache = new Map<string, LoadedCustomer>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The cached state, or with `fresh` the cached state brought up to the stream's last event. */
  async load(customerId: string, fresh: boolean): Promise<LoadedCustomer> {
    const known = this.cache.get(customerId);
    if (known && !fresh) return known;
    const cached = known ?? { version: -1, state: customerDecider.initialState() };
    let { version, state } = cached;
    for await (const event of this.store.readStream(customerStream(customerId), { fromVersion: version + 1 })) {
      state = customerDecider.evolve(state, asDomainEvent(event));
      version = event.streamVersion;
    }
    const loaded = { version, state };
    if (version !== cached.version) this.remember(customerId, loaded);
    return loaded;
  }

  /** After an append: the state the appended events lead to, without reading them back. */
  remember(customerId: string, loaded: LoadedCustomer): void {
    this.cache.delete(customerId);
    this.cache.set(customerId, loaded);
    if (this.cache.size > maxCached) this.cache.delete(this.cache.keys().next().value!);
  }
}

export function asDomainEvent(event: RecordedEvent): CustomerEvent {
  return { type: event.type, data: event.data } as CustomerEvent;
}
