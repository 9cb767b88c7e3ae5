import { customerStream, erasesPersonalData, evolveCustomerView, initialCustomerView, type CustomerView } from '@crm/domain';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@crm/event-store';

/** Which of the stream's events are folded: business time (`asOf`), recording time (`knownAt`), stream version; each inclusive, each optional. */
export type ViewCut = Pick<ReadStreamOptions, 'asOf' | 'knownAt' | 'toVersion'>;

export interface CustomerViewAsOf {
  /** The cut's events folded in C1 order; null when no registration is among them. */
  view: CustomerView | null;
  /** The highest stream version among the folded events; -1 when none was. */
  streamVersion: number;
  /** That event's global position; 0 when none was folded. */
  position: number;
  /** The erasure is among the folded events. */
  erasureFolded: boolean;
  /** A folded event's personal fields read null: the stream's key was shredded (the customer erased, maybe after the cut). */
  personalDataErased: boolean;
}

/** The customer's events within the cut, read in one streamed pass and folded once. */
export async function customerViewAsOf(store: EventStore, customerId: string, cut: ViewCut): Promise<CustomerViewAsOf> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(customerStream(customerId), cut)) events.push(event);
  return foldInC1Order(events);
}

/**
 * Folds events into the customer view in C1 order (READ-MODELS §1: business time, then stream
 * version), so that a back-dated fact lands where it belongs in business time. Each business
 * time is parsed once, not in every comparison (on a 10,000-event stream they would parse some
 * 280,000 times); events that already come in that order, as a stream without back-dated facts
 * does, cost the sort one comparison each.
 */
export function foldInC1Order(events: readonly RecordedEvent[]): CustomerViewAsOf {
  const keyed = new Array<{ at: number; event: RecordedEvent }>(events.length);
  let highest: RecordedEvent | undefined;
  let erasureFolded = false;
  let personalDataErased = false;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    keyed[i] = { at: Date.parse(event.metadata.occurredAt), event };
    if (!highest || event.streamVersion > highest.streamVersion) highest = event;
    erasureFolded ||= erasesPersonalData(event.type);
    personalDataErased ||= Array.isArray(event.metadata.erased) && event.metadata.erased.length > 0;
  }
  keyed.sort(c1Order);
  let view = initialCustomerView();
  for (const { event } of keyed) view = evolveCustomerView(view, event);
  return { view, streamVersion: highest?.streamVersion ?? -1, position: highest?.position ?? 0, erasureFolded, personalDataErased };
}

function c1Order(a: { at: number; event: RecordedEvent }, b: { at: number; event: RecordedEvent }): number {
  return a.at - b.at || a.event.streamVersion - b.event.streamVersion;
}
