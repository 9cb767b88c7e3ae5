import { customerStream, erasedSubjectOf, erasesPersonalData } from '@crm/domain';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { CustomerStateHistory } from './customer-state-history';

/**
 * Events kept over all customers, at most. A kept event of the demo's shape takes about 300 bytes
 * of heap with its share of the snapshots (measured on the bench's 10,000-event customer), so the
 * cache stays near 150 MB: fifty such customers, or thousands of ordinary ones. Customers used
 * least lately go first.
 */
const maxHeldEvents = 500_000;

interface Entry {
  history: CustomerStateHistory;
  /** The read in flight, and the one queued behind it for the callers who came meanwhile. */
  reading?: Promise<void>;
  queued?: Promise<void>;
  /** Dropped on an erasure notice: it holds personal data decoded before the shredding. */
  dropped: boolean;
}

/**
 * Each customer's decoded events, in memory, in C1 order, for the auditors' state: brought up to
 * date before every answer by reading only the events after the last version held (one query,
 * which finds none when nothing was written), so that what another process appended is seen.
 */
export class CustomerStateCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(
    private readonly store: EventStore,
    private readonly maxEvents = maxHeldEvents,
  ) {}

  /** Events held now, over all customers. */
  get heldEvents(): number {
    return this.held;
  }

  /** The customer's events, every one stored by the time of the call among them; none for a customer never written. */
  async history(customerId: string): Promise<CustomerStateHistory> {
    for (;;) {
      let entry = this.entries.get(customerId);
      if (!entry) this.entries.set(customerId, (entry = { history: new CustomerStateHistory(), dropped: false }));
      await this.caughtUp(customerId, entry);
      // Erased meanwhile: read again, with the key shredded.
      if (entry.dropped) continue;
      this.used(customerId, entry);
      return entry.history;
    }
  }

  /** Drops what is kept of the customer (an erased customer's personal data must not linger in memory). */
  forget(customerId: string): void {
    const entry = this.entries.get(customerId);
    if (!entry) return;
    entry.dropped = true;
    this.remove(customerId, entry);
  }

  /**
   * A read in flight may have begun before this call, and miss what was stored since: the read
   * queued behind it is the first to see all of it, and serves every caller that came meanwhile.
   */
  private caughtUp(customerId: string, entry: Entry): Promise<void> {
    if (!entry.reading) {
      entry.reading = this.read(customerId, entry).finally(() => (entry.reading = undefined));
      return entry.reading;
    }
    entry.queued ??= entry.reading
      .catch(() => undefined)
      .then(() => {
        entry.queued = undefined;
        return this.caughtUp(customerId, entry);
      });
    return entry.queued;
  }

  private async read(customerId: string, entry: Entry): Promise<void> {
    let history = entry.history;
    let events = await this.eventsAfter(customerId, history.version);
    if (history.size > 0 && events.some(shreds)) {
      // Erased since, the customer or a contact: what is held was decoded before the shredding; those fields now read null.
      history = new CustomerStateHistory();
      events = await this.eventsAfter(customerId, -1);
    }
    if (entry.dropped) return;
    const before = entry.history.size;
    history.add(events);
    entry.history = history;
    if (this.entries.get(customerId) === entry) this.held += history.size - before;
  }

  private async eventsAfter(customerId: string, version: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readStream(customerStream(customerId), { fromVersion: version + 1 })) events.push(event);
    return events;
  }

  /** Last in the order of use; then the least used lately go while too many events are held, this one too when it alone is. */
  private used(customerId: string, entry: Entry): void {
    if (this.entries.get(customerId) !== entry) return;
    // A customer never written is not kept: asking after unknown ids must not fill the memory.
    if (entry.history.size === 0) return this.remove(customerId, entry);
    this.entries.delete(customerId);
    this.entries.set(customerId, entry);
    for (const [id, oldest] of this.entries) {
      if (this.held <= this.maxEvents) break;
      this.remove(id, oldest);
    }
  }

  private remove(customerId: string, entry: Entry): void {
    this.entries.delete(customerId);
    this.held -= entry.history.size;
  }
}

/** Whether writing the event shredded a key of its stream, the customer's or a contact's. */
function shreds(event: RecordedEvent): boolean {
  return erasesPersonalData(event.type) || erasedSubjectOf(event.type, event.data) !== undefined;
}
