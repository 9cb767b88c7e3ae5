import type { RecordedEvent } from '@crm/event-store';

/** Which events a reader of `$all` wants: some types, one stream, or everything. */
export interface SubscriptionFilter {
  types?: readonly string[];
  streamId?: string;
}

export function matchesFilter(filter: SubscriptionFilter, event: RecordedEvent): boolean {
  return (filter.types === undefined || filter.types.length === 0 || filter.types.includes(event.type)) && (filter.streamId === undefined || filter.streamId === event.streamId);
}
