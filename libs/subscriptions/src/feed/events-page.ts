import type { AllPage, EventStore, PagedAllReads } from '@crm/event-store';
import type { SubscriptionFilter } from './subscription-filter';

export interface EventsPageRequest extends SubscriptionFilter {
  /** First position to read (inclusive). */
  from: number;
  limit: number;
}

/** A page of the feed (`GET /v1/events`): `$all` in position order, the envelope of DESIGN.md §8. */
export function readEventsPage(store: EventStore & PagedAllReads, request: EventsPageRequest): Promise<AllPage> {
  return store.readAllPage({ from: request.from, limit: request.limit, types: request.types, streamId: request.streamId });
}
