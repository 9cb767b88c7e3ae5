import { Inject, Injectable } from '@nestjs/common';
import {
  evolveCustomerView,
  initialCustomerView,
  type CustomerDecider,
  type CustomerEvent,
  type CustomerState,
  type CustomerView,
} from '../../../../libs/domain/src';
import type { EventStore } from '../../../../libs/event-store/src';
import { EVENT_STORE } from '../database/database.module';
import { CUSTOMER_DECIDER } from './customer-decider.provider';
import { StreamFoldCache } from './stream-fold-cache';

export { customerStream } from './stream-fold-cache';

/** What the decider needs to decide a command: the customer's stream folded with `evolve`. */
@Injectable()
export class CustomerStreams extends StreamFoldCache<CustomerState> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CUSTOMER_DECIDER) decider: CustomerDecider) {
    super(store, decider.initialState, (state, event) => decider.evolve(state, { type: event.type, data: event.data } as CustomerEvent));
  }
}

/** What a person sees of the customer (GET /v1/customers/:id): the stream folded into the customer view. */
@Injectable()
export class CustomerViews extends StreamFoldCache<CustomerView | null> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, initialCustomerView, evolveCustomerView);
  }
}
