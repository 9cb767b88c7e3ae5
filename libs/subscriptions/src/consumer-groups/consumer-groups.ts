import type { RecordedEvent, SqlClient } from '@crm/event-store';
import { SubscriptionConflict, SubscriptionNotFound } from '../errors';
import type { SubscribableStore } from '../subscriptions';
import { ackEvents } from './ack-events';
import type { ConsumerGroupDefinition, ConsumerGroupStatus } from './consumer-group';
import { createGroup } from './create-group';
import { groupCounts } from './group-status';
import { definitionOf, readGroup, type GroupRow } from './group-row';
import { leaseEvents } from './lease-events';
import { recordPoll } from './record-poll';
import { takeIntoPending } from './take-into-pending';

/** How many events a group keeps pending at most: reading ahead of its members, bounded. */
const pendingLimit = 2000;

export interface AckResult {
  /** The ids acked now. */
  acked: string[];
  /** The ids not leased to this member (acked before, or leased to another after the lease ran out). */
  notLeased: string[];
}

/**
 * Consumer groups (DESIGN.md §8): members poll batches and ack them; the server keeps the
 * checkpoint. A stream's events are leased to one member at a time and in order; what is not
 * acked within the lease is given out again. At least once: members de-duplicate by event id.
 */
export class ConsumerGroups {
  constructor(
    private readonly db: SqlClient,
    private readonly store: SubscribableStore,
  ) {}

  /** Creates the group; the same definition again answers the group as it is, another one is a conflict. */
  async create(group: ConsumerGroupDefinition): Promise<{ created: boolean; status: ConsumerGroupStatus }> {
    const created = await createGroup(this.db, group);
    const row = await this.row(group.name);
    if (!created && !sameDefinition(definitionOf(row), group)) {
      throw new SubscriptionConflict('consumer-group', group.name, `A consumer group named ${group.name} exists with another filter, start or lease.`);
    }
    return { created, status: await this.statusOf(row) };
  }

  async status(name: string): Promise<ConsumerGroupStatus> {
    return this.statusOf(await this.row(name));
  }

  /** Leases up to `max` events to `member`, reading more of `$all` into the group first when few are pending. */
  async poll(name: string, member: string, max: number): Promise<RecordedEvent[]> {
    const group = await this.row(name);
    await this.readAhead(group);
    const leased = await this.db.transaction(async (tx) => {
      // One poll of a group at a time: two members never lease the same stream at once.
      await tx.query(`select 1 from crm_consumer_groups where name = $1 for update`, [name]);
      await recordPoll(tx, name, member);
      return leaseEvents(tx, name, member, max, group.lease_ms);
    });
    return this.store.readEventsAt(leased.map((l) => l.position));
  }

  async ack(name: string, member: string, eventIds: readonly string[]): Promise<AckResult> {
    await this.row(name);
    const done = new Set(await ackEvents(this.db, name, member, eventIds));
    // A delete's returning rows come in no set order: the answer follows the request's.
    const asked = [...new Set(eventIds.map((id) => id.toLowerCase()))];
    return { acked: asked.filter((id) => done.has(id)), notLeased: asked.filter((id) => !done.has(id)) };
  }

  /** Takes the next events of `$all` into the group's pending ones, up to its bound. */
  private async readAhead(group: GroupRow): Promise<void> {
    const { total } = await groupCounts(this.db, group.name);
    if (total >= pendingLimit) return;
    // No wait at a position a writer holds: the poll answers what is settled, the next one reads on.
    const page = await this.store.readAllPage({ from: group.cursor + 1, limit: pendingLimit - total, holeWaitMs: 0, ...definitionOf(group).filter });
    if (page.next - 1 > group.cursor) await this.db.transaction((tx) => takeIntoPending(tx, group.name, group.cursor, page.next - 1, page.events));
  }

  private async row(name: string): Promise<GroupRow> {
    const row = await readGroup(this.db, name);
    if (!row) throw new SubscriptionNotFound('consumer-group', name);
    return row;
  }

  private async statusOf(row: GroupRow): Promise<ConsumerGroupStatus> {
    const fresh = (await readGroup(this.db, row.name)) ?? row;
    const counts = await groupCounts(this.db, row.name);
    return {
      name: fresh.name,
      filter: { types: fresh.types, stream: fresh.stream_id },
      from: fresh.from_position,
      checkpoint: counts.first_pending === null ? fresh.cursor : counts.first_pending - 1,
      readUpTo: fresh.cursor,
      pending: { total: counts.total, leased: counts.leased, available: counts.total - counts.leased },
      members: counts.members.map((m) => ({ member: m.member, leased: Number(m.leased), lastPollAt: new Date(m.lastPollAt).toISOString() })),
      leaseSeconds: fresh.lease_ms / 1000,
      createdAt: new Date(fresh.created_at).toISOString(),
    };
  }
}

function sameDefinition(a: ConsumerGroupDefinition, b: ConsumerGroupDefinition): boolean {
  const types = (d: ConsumerGroupDefinition) => (d.filter.types && d.filter.types.length > 0 ? [...d.filter.types].sort().join(',') : '');
  return types(a) === types(b) && (a.filter.streamId ?? '') === (b.filter.streamId ?? '') && a.from === b.from && a.leaseMs === b.leaseMs;
}
