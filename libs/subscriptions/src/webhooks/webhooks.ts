import { randomUUID } from 'node:crypto';
import { settledPosition, type SqlClient } from '@crm/event-store';
import { SubscriptionNotFound } from '../errors';
import type { SubscribableStore } from '../subscriptions';
import { enableWebhook } from './enable-webhook';
import { listDeadLetters } from './list-dead-letters';
import { listDeliveries } from './list-deliveries';
import { listWebhooks } from './list-webhooks';
import { redeliverDeadLetters } from './redeliver-dead-letters';
import { registerWebhook } from './register-webhook';
import { removeWebhook } from './remove-webhook';
import type { DeadLetter, WebhookDelivery, WebhookRegistration, WebhookStatus } from './webhook';
import { webhookCounts } from './webhook-counts';
import { readWebhook, type WebhookRow } from './webhook-row';
import { newWebhookSecret } from './webhook-secret';

/** How far below the head registration looks for writers still in flight, so that it misses none that commit after it. */
const lookBack = 10_000;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Webhooks (DESIGN.md §8): registered with a URL, a filter and a start, delivered by the
 * dispatcher of whichever process holds the `webhooks` lease. Here: what their owners manage.
 */
export class Webhooks {
  constructor(
    private readonly db: SqlClient,
    private readonly store: SubscribableStore,
  ) {}

  /**
   * Registers the webhook; its signing secret is in this answer only. Without `from` it gets
   * what is written from now on: from the first position not settled yet.
   */
  async register(registration: WebhookRegistration): Promise<{ id: string; secret: string }> {
    const id = randomUUID();
    const secret = newWebhookSecret();
    const from = registration.from ?? (await settledPosition(this.db, Math.max(0, (await this.store.headPosition()) - lookBack))) + 1;
    await registerWebhook(this.db, id, registration.url, secret, registration.filter, from);
    return { id, secret };
  }

  async list(): Promise<WebhookStatus[]> {
    return Promise.all((await listWebhooks(this.db)).map((row) => this.statusOf(row)));
  }

  async status(id: string): Promise<WebhookStatus> {
    return this.statusOf(await this.row(id));
  }

  /** The latest attempts first; `before` is the `id` of the last attempt of the page before. */
  async deliveries(id: string, limit: number, before?: number): Promise<WebhookDelivery[]> {
    await this.row(id);
    return listDeliveries(this.db, id, limit, before);
  }

  async deadLetters(id: string, limit: number, after?: number): Promise<DeadLetter[]> {
    await this.row(id);
    return listDeadLetters(this.db, id, limit, after);
  }

  /** Makes the dead letters (those of `eventIds`, or all) pending again with a fresh set of attempts; answers the event ids. */
  async redeliver(id: string, eventIds?: readonly string[]): Promise<string[]> {
    await this.row(id);
    return redeliverDeadLetters(this.db, id, eventIds);
  }

  /**
   * Enables a webhook a 410 disabled: its deliveries go on from where they stood, the one the
   * receiver refused first, each stream in order. An enabled webhook stays as it is.
   */
  async enable(id: string): Promise<WebhookStatus> {
    const row = uuid.test(id) ? await enableWebhook(this.db, id) : undefined;
    if (!row) throw new SubscriptionNotFound('webhook', id);
    return this.statusOf(row);
  }

  async remove(id: string): Promise<void> {
    if (!uuid.test(id) || !(await removeWebhook(this.db, id))) throw new SubscriptionNotFound('webhook', id);
  }

  private async row(id: string): Promise<WebhookRow> {
    // Ids are UUIDs: another text names no webhook (and would fail the column's type).
    const row = uuid.test(id) ? await readWebhook(this.db, id) : undefined;
    if (!row) throw new SubscriptionNotFound('webhook', id);
    return row;
  }

  private async statusOf(row: WebhookRow): Promise<WebhookStatus> {
    const counts = await webhookCounts(this.db, row.id);
    return {
      id: row.id,
      url: row.url,
      filter: { types: row.types, stream: row.stream_id },
      from: row.from_position,
      status: row.disabled_at === null ? 'enabled' : 'disabled',
      disabledReason: row.disabled_reason,
      disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at).toISOString(),
      readUpTo: row.cursor,
      checkpoint: counts.first_pending === null ? row.cursor : Math.min(row.cursor, counts.first_pending - 1),
      pending: counts.pending,
      deadLetters: counts.dead_letters,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
}
