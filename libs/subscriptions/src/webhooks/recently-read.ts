import type { RecordedEvent } from '@crm/event-store';

/** How long an event read ahead may go out as read; later, or on a retry, it is read again (an erasure shows). */
const freshMs = 1_000;

/**
 * A webhook's events read ahead lately, in the order read, each to be taken once: a first
 * attempt soon after goes out as read, with no read of its own, and so may a stream's next
 * event (its next version) right after the one before was delivered.
 */
export class RecentlyRead {
  private readonly byPosition = new Map<number, { event: RecordedEvent; readAt: number }>();
  /** A stream's version → its position. */
  private readonly byVersion = new Map<string, number>();

  add(events: readonly RecordedEvent[], now: number): void {
    for (const [position, { event, readAt }] of this.byPosition) {
      if (now - readAt < freshMs) break;
      this.forget(position, event);
    }
    for (const event of events) {
      this.byPosition.set(event.position, { event, readAt: now });
      this.byVersion.set(versionKey(event.streamId, event.streamVersion), event.position);
    }
  }

  /** The event at `position` if read lately; it is forgotten either way. */
  take(position: number, now: number): RecordedEvent | undefined {
    const read = this.byPosition.get(position);
    if (!read) return undefined;
    this.forget(position, read.event);
    return now - read.readAt < freshMs ? read.event : undefined;
  }

  /** The event of `event`'s stream at the next version, if read lately. */
  takeNext(event: RecordedEvent, now: number): RecordedEvent | undefined {
    const position = this.byVersion.get(versionKey(event.streamId, event.streamVersion + 1));
    return position === undefined ? undefined : this.take(position, now);
  }

  private forget(position: number, event: RecordedEvent): void {
    this.byPosition.delete(position);
    this.byVersion.delete(versionKey(event.streamId, event.streamVersion));
  }
}

const versionKey = (streamId: string, version: number) => `${version} ${streamId}`;
