import type { EventStore, RecordedEvent } from '@crm/event-store';
import type { SubscriptionFilter } from './subscription-filter';

/** Positions this close together are read in one range rather than one by one. */
const rangeGap = 500;

/**
 * The events at the given positions (all settled, all matching `filter`), in position order,
 * read as ranges of `$all`: a poll's or a delivery's events, which were taken by position.
 */
export async function eventsAt(store: EventStore, positions: readonly number[], filter: SubscriptionFilter): Promise<RecordedEvent[]> {
  const wanted = [...positions].sort((a, b) => a - b);
  const found: RecordedEvent[] = [];
  let start = 0;
  while (start < wanted.length) {
    let end = start;
    while (end + 1 < wanted.length && wanted[end + 1] - wanted[end] <= rangeGap) end++;
    const inRange = new Set(wanted.slice(start, end + 1));
    for await (const event of store.readAll({ from: wanted[start], to: wanted[end], types: filter.types, streamId: filter.streamId })) {
      if (inRange.has(event.position)) found.push(event);
    }
    start = end + 1;
  }
  return found;
}
