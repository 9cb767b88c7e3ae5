import type { RecordedEvent, SqlClient } from '@crm/event-store';
import { subscriptionLeases } from '../leases';
import type { SubscribableStore } from '../subscriptions';
import type { Attempt } from './attempt';
import { envelopeJson } from './envelope';
import { nextDeliveries, type PendingDelivery } from './next-deliveries';
import { RecentlyRead } from './recently-read';
import { pruneDeliveryLog } from './prune-delivery-log';
import { recordDeadLetter } from './record-dead-letter';
import { recordDelivered } from './record-delivered';
import { recordFailed } from './record-failed';
import { recordGone } from './record-gone';
import { retryDelayMs } from './retry-schedule';
import { sendDelivery } from './send-delivery';
import { takeIntoPending } from './take-into-pending';
import { webhookSignature } from './webhook-secret';
import { filterOf } from './webhook-row';
import { webhooksToDispatch, type DispatchRow } from './webhooks-to-dispatch';

export interface DispatcherSettings {
  holder: string;
  leaseMs: number;
  /** How often to look for new events and due retries when nothing else wakes the dispatcher. */
  pollMs: number;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  /** Deliveries under way at once per webhook, each of another stream. */
  concurrency: number;
  logRetentionMs: number;
  onError?: (message: string, error: unknown) => void;
}

/** The lease that makes one process on the database the one that delivers. */
const leaseName = 'webhooks';
/** How many deliveries a webhook keeps pending at most: reading ahead of its receiver, bounded. */
const pendingLimit = 1000;
const pruneEveryMs = 600_000;
/** The longest a webhook with nothing due goes unasked: redeliveries made by other processes show within this. */
const quietMs = 1_000;

/** A webhook's stream with deliveries under way: no other delivery of it starts meanwhile. */
interface BusyStream {
  work: Promise<void>;
}

/**
 * Delivers every webhook's events, signed as Standard Webhooks say, while this process holds
 * the `webhooks` lease. Per webhook it reads `$all` ahead into pending deliveries and attempts,
 * of each stream, only the earliest: different streams go out concurrently, a stream's events
 * one after the other, each only once the one before was delivered or dead-lettered.
 */
export class WebhookDispatcher {
  /** Per webhook, its busy streams. */
  private readonly underWay = new Map<string, Map<string, BusyStream>>();
  /**
   * Per webhook, the positions its receiver took that are not recorded yet: the next deliveries
   * pass over them, so a stream's next event goes out without waiting for the record.
   */
  private readonly taken = new Map<string, Set<number>>();
  /** Per webhook, until when nothing of it is due (its streams wait for retries), unless new events or a finished delivery say otherwise. */
  private readonly quietUntil = new Map<string, number>();
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private leaseTakenAt = 0;
  private holding = false;
  private prunedAt = 0;
  private woken = false;
  private wake: () => void = () => undefined;
  /** Per webhook, the events read ahead lately. */
  private readonly recentlyRead = new Map<string, RecentlyRead>();
  /** Deliveries the receivers took, recorded together at the next look (their positions stay taken until then). */
  private delivered: { webhookId: string; attempt: Attempt }[] = [];

  constructor(
    private readonly db: SqlClient,
    private readonly store: SubscribableStore,
    private readonly settings: DispatcherSettings,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops looking for work, lets the deliveries under way finish and hands the lease back. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.underWay.values()].flatMap((streams) => [...streams.values()].map((busy) => busy.work)));
    await this.recordDelivered().catch((error: unknown) => this.settings.onError?.('webhooks: could not record deliveries (they go out again)', error));
    await subscriptionLeases.release(this.db, this.settings.holder).catch(() => undefined);
    this.holding = false;
    this.recentlyRead.clear();
    // What could not be recorded is still pending: it goes out again.
    this.delivered = [];
    this.taken.clear();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.look();
      } catch (error) {
        this.settings.onError?.('webhooks: could not look for deliveries', error);
      }
      await this.pause();
    }
  }

  /** Waits `pollMs`, or less when a delivery finished meanwhile (its stream may have a next one). */
  private async pause(): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.settings.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = () => undefined;
  }

  private async look(): Promise<void> {
    if (!(await this.holdLease())) return;
    // Recorded while this look reads on: the streams it frees stay busy until it is done.
    const recording = this.recordDelivered();
    try {
      const head = await this.store.headPosition();
      const webhooks = await webhooksToDispatch(this.db);
      // Removed, or disabled.
      for (const kept of [this.recentlyRead, this.taken]) for (const id of kept.keys()) if (!webhooks.some((w) => w.id === id)) kept.delete(id);
      for (const webhook of webhooks) {
        if (!this.running) return;
        const read = await this.readAhead(webhook, head);
        if (read || (this.quietUntil.get(webhook.id) ?? 0) <= Date.now()) await this.dispatch(webhook);
      }
    } finally {
      await recording;
    }
    if (Date.now() - this.prunedAt > pruneEveryMs) {
      this.prunedAt = Date.now();
      await pruneDeliveryLog(this.db, this.settings.logRetentionMs);
    }
  }

  /** Takes or renews the lease a third of its time before it runs out; answers whether this process holds it. */
  private async holdLease(): Promise<boolean> {
    if (Date.now() - this.leaseTakenAt < this.settings.leaseMs / 3) return this.holding;
    const held = await subscriptionLeases.take(this.db, [leaseName], this.settings.holder, this.settings.leaseMs);
    this.holding = held.includes(leaseName);
    this.leaseTakenAt = Date.now();
    return this.holding;
  }

  /** Takes the events after the webhook's cursor into its pending deliveries, up to its bound; answers whether any were. */
  private async readAhead(webhook: DispatchRow, head: number): Promise<boolean> {
    if (head <= webhook.cursor || webhook.pending >= pendingLimit) return false;
    // No wait at a position a writer holds: the deliveries due go out meanwhile, and the next look reads on.
    const page = await this.store.readAllPage({ from: webhook.cursor + 1, limit: pendingLimit - webhook.pending, holeWaitMs: 0, ...filterOf(webhook) });
    if (page.next - 1 <= webhook.cursor) return false;
    const taken = await takeIntoPending(this.db, webhook.id, webhook.cursor, page.next - 1, page.events);
    const recent = this.recentlyRead.get(webhook.id) ?? new RecentlyRead();
    this.recentlyRead.set(webhook.id, recent);
    recent.add(taken ? page.events : [], Date.now());
    return page.events.length > 0;
  }

  /** The events of the deliveries: a first attempt's as read ahead, if lately; the others read now. */
  private async eventsOf(webhookId: string, due: readonly PendingDelivery[]): Promise<Map<number, RecordedEvent>> {
    const recent = this.recentlyRead.get(webhookId);
    const events = new Map<number, RecordedEvent>();
    const toRead: number[] = [];
    for (const { position, attempts } of due) {
      const read = recent?.take(position, Date.now());
      if (read && attempts === 0) events.set(position, read);
      else toRead.push(position);
    }
    for (const event of await this.store.readEventsAt(toRead)) events.set(event.position, event);
    return events;
  }

  /** Starts the deliveries now due, of streams with none under way, as many as the webhook has room for. */
  private async dispatch(webhook: DispatchRow): Promise<void> {
    const streams = this.underWay.get(webhook.id) ?? new Map<string, BusyStream>();
    this.underWay.set(webhook.id, streams);
    const room = this.settings.concurrency - streams.size;
    if (room <= 0) return;
    const taken = this.taken.get(webhook.id) ?? new Set<number>();
    this.taken.set(webhook.id, taken);
    const { due, waitMs } = await nextDeliveries(this.db, webhook.id, [...streams.keys()], [...taken], room);
    this.quietUntil.set(webhook.id, due.length < room ? Date.now() + Math.min(waitMs ?? quietMs, quietMs) : 0);
    if (due.length === 0) return;
    const events = await this.eventsOf(webhook.id, due);
    for (const delivery of due) {
      const busy: BusyStream = { work: Promise.resolve() };
      streams.set(delivery.stream_id, busy);
      busy.work = this.deliverInTurn(webhook, delivery, events.get(delivery.position), taken)
        .catch((error: unknown) => this.settings.onError?.(`webhooks: could not record the delivery of position ${delivery.position} to ${webhook.id}`, error))
        .finally(() => {
          if (streams.get(delivery.stream_id) === busy) streams.delete(delivery.stream_id);
          this.quietUntil.delete(webhook.id);
          this.woken = true;
          this.wake();
        });
    }
  }

  /**
   * Delivers, then, while the receiver takes them, the stream's next events read lately, one
   * after the other, with no look in between. Only with no types filter: then a stream's next
   * version is its next event, and nothing of the stream can lie between.
   */
  private async deliverInTurn(webhook: DispatchRow, delivery: PendingDelivery, event: RecordedEvent | undefined, taken: Set<number>): Promise<void> {
    const recent = webhook.types && webhook.types.length > 0 ? undefined : this.recentlyRead.get(webhook.id);
    for (let current = delivery, body = event; ; ) {
      const took = await this.deliver(webhook, current, body);
      if (!took) return;
      taken.add(current.position);
      this.delivered.push({ webhookId: webhook.id, attempt: took });
      const next = body && this.running ? recent?.takeNext(body, Date.now()) : undefined;
      if (!next) return;
      current = { position: next.position, event_id: next.eventId, stream_id: next.streamId, attempts: 0 };
      body = next;
    }
  }

  /**
   * Records the deliveries the receivers took, one statement per webhook. A webhook's that
   * fail to be recorded stay taken and are recorded with its next ones at the next look (a
   * stream's later delivery is never recorded before an earlier one); should the process stop
   * first, they are still pending and go out again.
   */
  private async recordDelivered(): Promise<void> {
    const taken = this.delivered;
    if (taken.length === 0) return;
    this.delivered = [];
    const byWebhook = new Map<string, Attempt[]>();
    for (const { webhookId, attempt } of taken) {
      const attempts = byWebhook.get(webhookId) ?? [];
      attempts.push(attempt);
      byWebhook.set(webhookId, attempts);
    }
    let failure: unknown;
    for (const [webhookId, attempts] of byWebhook) {
      try {
        await recordDelivered(this.db, webhookId, attempts);
        const positions = this.taken.get(webhookId);
        for (const { position } of attempts) positions?.delete(position);
      } catch (error) {
        failure ??= error;
        this.delivered.unshift(...attempts.map((attempt) => ({ webhookId, attempt })));
      }
    }
    if (failure !== undefined) throw failure;
  }

  /** Attempts the delivery; answers the attempt when the receiver took it, else records what came of it. */
  private async deliver(webhook: DispatchRow, delivery: PendingDelivery, event: RecordedEvent | undefined): Promise<Attempt | undefined> {
    const attempt = delivery.attempts + 1;
    const sent = event
      ? await this.send(webhook, event)
      : { status: null, error: `The event at position ${delivery.position} could not be read.`, response: null, durationMs: 0 };
    const outcome: Attempt = { position: delivery.position, attempt, ...sent };
    if (sent.status !== null && sent.status >= 200 && sent.status < 300) return outcome;
    if (sent.status === 410) return void (await recordGone(this.db, webhook.id, outcome));
    const retryInMs = retryDelayMs(this.settings.retryDelaysMs, attempt);
    await (retryInMs === undefined ? recordDeadLetter(this.db, webhook.id, outcome) : recordFailed(this.db, webhook.id, outcome, retryInMs));
    return undefined;
  }

  private send(webhook: DispatchRow, event: RecordedEvent) {
    const body = envelopeJson(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': event.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': webhookSignature(webhook.secret, event.eventId, timestamp, body),
      'user-agent': 'crm-webhooks/1',
    };
    return sendDelivery(webhook.url, headers, body, this.settings.timeoutMs);
  }
}
