import type { SubscriptionFilter } from '../feed/subscription-filter';

export interface WebhookRegistration {
  /** Where deliveries are POSTed (http or https). */
  url: string;
  filter: SubscriptionFilter;
  /** First position delivered (inclusive); default the one after the current head: new events only. */
  from?: number;
}

/** A webhook as its owners see it: never its secret, which only registration answers. */
export interface WebhookStatus {
  id: string;
  url: string;
  filter: { types: string[] | null; stream: string | null };
  from: number;
  status: 'enabled' | 'disabled';
  /** Why it is disabled (its receiver answered 410 Gone), or null while enabled. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** How far `$all` has been taken into its pending deliveries. */
  readUpTo: number;
  /** Every matching event up to here was delivered or dead-lettered. */
  checkpoint: number;
  pending: number;
  deadLetters: number;
  createdAt: string;
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'dead-lettered' | 'gone';

/** One attempt in a webhook's delivery log. */
export interface WebhookDelivery {
  /** The log's sequence: later attempts have higher ones. */
  id: number;
  eventId: string;
  position: number;
  streamId: string;
  /** 1 for the first attempt of this event, counted again from 1 after a redelivery. */
  attempt: number;
  /** `failed`: tried again at `nextAttemptAt`; `dead-lettered`: the last try failed; `gone`: 410, the webhook was disabled. */
  outcome: DeliveryOutcome;
  /** The receiver's HTTP status; null when it gave none (refused, timed out). */
  status: number | null;
  error: string | null;
  /** The start of the receiver's answer (at most 1 KiB). */
  response: string | null;
  durationMs: number;
  attemptedAt: string;
  nextAttemptAt: string | null;
}

export interface DeadLetter {
  eventId: string;
  position: number;
  streamId: string;
  attempts: number;
  lastError: string;
  deadAt: string;
}
