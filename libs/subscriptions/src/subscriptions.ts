import { migrate, settledPosition, type AllPage, type EventStore, type ErasurePolicy, type PagedAllReads, type RecordedEvent, type SqlClient } from '@crm/event-store';
import { ConsumerGroups } from './consumer-groups/consumer-groups';
import { readEventsPage, type EventsPageRequest } from './feed/events-page';
import type { SubscriptionFilter } from './feed/subscription-filter';
import { subscriptionMigrations } from './migrations';
import { NatsPublisher } from './nats/nats-publisher';
import { defaultRetryDelaysMs } from './webhooks/retry-schedule';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { Webhooks } from './webhooks/webhooks';

/** How far below the head a live stream without `from` looks for writers still in flight. */
const liveLookBack = 10_000;
/** How often a caught-up live stream (SSE, the NATS publisher) looks for new events: well within the 50 ms a delivery may take. */
const liveIdlePollMs = 10;

/** Deliveries under way at once per webhook, each to another stream: enough to keep up with 1,000 events/s to a receiver answering in tens of ms. */
const webhookConcurrency = 64;

/** The event store as subscribers read it: the port, and pages that say where the next begins. */
export type SubscribableStore = EventStore & PagedAllReads;

export interface SubscriptionsOptions {
  /** Names this process in the leases of background deliveries. */
  holder: string;
  /** How long a process's hold on a background delivery lasts unless renewed (default 15 s). */
  leaseMs?: number;
  /** Told when a background delivery fails (it tries again by itself). */
  onError?: (message: string, error: unknown) => void;
  /** The waits before each retry of a webhook delivery; after the last, a dead letter (default Standard Webhooks': about a day). */
  webhookRetryDelaysMs?: readonly number[];
  /** How often the webhooks' dispatcher looks for new events when idle (default 10 ms). */
  webhookPollMs?: number;
  /** How long a receiver has to answer a delivery (default 10 s). */
  webhookTimeoutMs?: number;
  /** NATS servers (`nats://host:port`, comma-separated) to forward `$all` to, into JetStream; absent: no publishing to NATS. */
  natsUrl?: string;
  /** The JetStream stream it goes to (default `CRM_EVENTS`). */
  natsStream?: string;
  /** Which events erase personal data (the store's policy): an erasure then reaches the messages already in NATS. */
  erasures?: ErasurePolicy;
}

/**
 * What integrators read and subscribe to (DESIGN.md §8): the feed, consumer groups,
 * webhooks, and the NATS publisher. `start()` makes this process take part in the
 * background deliveries, each done by one process at a time.
 */
export class Subscriptions {
  private constructor(
    private readonly db: SqlClient,
    private readonly store: SubscribableStore,
    readonly consumerGroups: ConsumerGroups,
    readonly webhooks: Webhooks,
    private readonly webhookDispatcher: WebhookDispatcher,
    private readonly natsPublisher: NatsPublisher | undefined,
  ) {}

  static async open(db: SqlClient, store: SubscribableStore, options: SubscriptionsOptions): Promise<Subscriptions> {
    await migrate(db, subscriptionMigrations);
    const dispatcher = new WebhookDispatcher(db, store, {
      holder: options.holder,
      leaseMs: options.leaseMs ?? 15_000,
      pollMs: options.webhookPollMs ?? 10,
      retryDelaysMs: options.webhookRetryDelaysMs ?? defaultRetryDelaysMs,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      concurrency: webhookConcurrency,
      logRetentionMs: 7 * 24 * 3_600_000,
      onError: options.onError,
    });
    const nats = options.natsUrl
      ? new NatsPublisher(db, store, {
          url: options.natsUrl,
          stream: options.natsStream,
          holder: options.holder,
          leaseMs: options.leaseMs,
          idlePollMs: liveIdlePollMs,
          onError: options.onError,
          erasures: options.erasures,
        })
      : undefined;
    return new Subscriptions(db, store, new ConsumerGroups(db, store), new Webhooks(db, store), dispatcher, nats);
  }

  /** A page of `$all` (`GET /v1/events`). */
  feed(request: EventsPageRequest): Promise<AllPage> {
    return readEventsPage(this.store, request);
  }

  /**
   * `$all` from `from` (inclusive), then live, in pages, until the signal aborts (`GET /v1/events/live`).
   * Without `from`: from the first position not settled yet, so that nothing written after the
   * call is missed, whatever the order its writers commit in.
   */
  async live(filter: SubscriptionFilter & { from?: number; signal: AbortSignal }): Promise<AsyncIterable<readonly RecordedEvent[]>> {
    const from = filter.from ?? (await settledPosition(this.db, Math.max(0, (await this.store.headPosition()) - liveLookBack))) + 1;
    return this.store.subscribePages({ from, types: filter.types, streamId: filter.streamId, signal: filter.signal, idlePollMs: liveIdlePollMs });
  }

  /** Starts this process's share of the background deliveries. */
  async start(): Promise<void> {
    this.webhookDispatcher.start();
    this.natsPublisher?.start();
  }

  /** Stops the background deliveries (what is under way finishes or is tried again later). */
  async stop(): Promise<void> {
    // First: the dispatcher's stop hands back every lease of this holder, the publisher's too.
    await this.natsPublisher?.stop();
    await this.webhookDispatcher.stop();
  }
}
