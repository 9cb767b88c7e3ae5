import type { SubscriptionFilter } from '../feed/subscription-filter';

export interface ConsumerGroupDefinition {
  name: string;
  filter: SubscriptionFilter;
  /** First position the group reads (inclusive). */
  from: number;
  /** How long a polled event stays leased to its member before it is given out again. */
  leaseMs: number;
}

export interface ConsumerGroupStatus {
  name: string;
  filter: { types: string[] | null; stream: string | null };
  from: number;
  /** Every event up to here is acked (or matched nothing). */
  checkpoint: number;
  /** How far `$all` has been taken into the group's pending events. */
  readUpTo: number;
  pending: { total: number; leased: number; available: number };
  members: { member: string; leased: number; lastPollAt: string }[];
  leaseSeconds: number;
  createdAt: string;
}
