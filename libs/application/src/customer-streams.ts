import {
  evolveCustomerView,
  initialCustomerView,
  type CustomerDecider,
  type CustomerEvent,
  type CustomerState,
  type Stamped,
  type CustomerView,
} from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import { StreamFoldCache } from './stream-fold-cache';

/** What the decider needs to decide a command: the customer's stream folded with `evolve`. */
export class CustomerStreams extends StreamFoldCache<CustomerState> {
  constructor(store: EventStore, decider: CustomerDecider) {
    // A stored event of a customer stream is one of the customer's events: the domain's types were checked when it was written.
    super(store, decider.initialState, (state, event) => decider.evolve(state, event as unknown as Stamped<CustomerEvent>));
  }
}

/** What a person sees of the customer (GET /v1/customers/:id): the stream folded into the customer view. */
export class CustomerViews extends StreamFoldCache<CustomerView | null> {
  constructor(store: EventStore) {
    super(store, initialCustomerView, evolveCustomerView);
  }
}
