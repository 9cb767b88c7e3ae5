import { setTimeout as sleep } from 'node:timers/promises';

export const channels = ['sse', 'webhook', 'nats'] as const;
export type Channel = (typeof channels)[number];

/** Marks the bench's live appends: `<prefix><n>`, the n-th append, carried in the metadata's correlationId. */
const prefix = 'bench-live-';
export const markerOf = (n: number): string => `${prefix}${n}`;

/**
 * When each live append was sent, and when each channel first received its event (webhooks
 * deliver at least once: a second delivery does not count), on this process's one clock.
 */
export class DeliveryClock {
  private readonly sent = new Map<string, number>();
  private readonly arrivals: Record<Channel, Map<string, number>> = { sse: new Map(), webhook: new Map(), nats: new Map() };

  readonly sending = (marker: string, at: number): void => void this.sent.set(marker, at);

  /** An append that failed: no event to wait for. */
  readonly forget = (marker: string): void => void this.sent.delete(marker);

  arrived(channel: Channel, envelope: unknown, at: number): void {
    const marker = (envelope as { metadata?: { correlationId?: unknown } }).metadata?.correlationId;
    if (typeof marker !== 'string' || !marker.startsWith(prefix)) return;
    const arrivals = this.arrivals[channel];
    if (!arrivals.has(marker)) arrivals.set(marker, at);
  }

  /** Appends sent that `channel` has not received yet. */
  missing(channel: Channel): number {
    let missing = 0;
    for (const marker of this.sent.keys()) if (!this.arrivals[channel].has(marker)) missing++;
    return missing;
  }

  /** Waits until every channel received every append sent, or `withinMs` went by. */
  async drained(withinMs: number): Promise<void> {
    const deadline = performance.now() + withinMs;
    while (performance.now() < deadline && channels.some((c) => this.missing(c) > 0)) await sleep(20);
  }

  /** Events from the `from`-th on that `channel` received per second, from the first arrival among them to the last. */
  arrivalRate(channel: Channel, from: number): number {
    let first = Infinity;
    let last = -Infinity;
    let count = 0;
    for (const [marker, at] of this.arrivals[channel]) {
      if (Number(marker.slice(prefix.length)) < from) continue;
      first = Math.min(first, at);
      last = Math.max(last, at);
      count++;
    }
    return count > 1 ? (count - 1) / ((last - first) / 1000) : 0;
  }

  /** Per append from the `from`-th to before the `to`-th that `channel` received: from just before its request to its arrival, in ms. */
  lagsMs(channel: Channel, from: number, to = Infinity): number[] {
    const lags: number[] = [];
    for (const [marker, sentAt] of this.sent) {
      const n = Number(marker.slice(prefix.length));
      const arrivedAt = this.arrivals[channel].get(marker);
      if (arrivedAt !== undefined && n >= from && n < to) lags.push(arrivedAt - sentAt);
    }
    return lags;
  }
}
