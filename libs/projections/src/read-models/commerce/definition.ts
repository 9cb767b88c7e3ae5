import { customerOfStream } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { Projection, ProjectionBatch } from '../../projection';

/**
 * Commerce: who is in the population when (registration, qualification, erasure), every
 * order with its refunds, and the manual tier designations. Tiers and deciles are computed
 * from these at the asked instant (value within 365 days of T, net of refunds by T).
 * No personal field is kept (refund reasons are left out).
 */
export const commerce: Projection = {
  name: 'commerce',
  version: 1,
  handles: ['CustomerRegistered', 'CustomerQualified', 'CustomerDisqualified', 'CustomerErased', 'PurchaseRecorded', 'PurchaseRefunded', 'TierOverridden'],
  tables: ['commerce_customers', 'commerce_qualifications', 'commerce_orders', 'commerce_refunds', 'commerce_tier_overrides'],
  schema: (t) => [
    `create table ${t('commerce_customers')} (customer_id text primary key, registered_at timestamptz not null, erased_at timestamptz)`,
    `create table ${t('commerce_qualifications')} (
       customer_id text not null, stream_version integer not null, at timestamptz not null, qualified boolean not null,
       primary key (customer_id, stream_version))`,
    `create table ${t('commerce_orders')} (
       customer_id text not null, order_id text not null, stream_version integer not null, at timestamptz not null,
       currency text not null, amount_minor bigint not null, cost_minor bigint, categories text[] not null,
       primary key (customer_id, order_id))`,
    `create index on ${t('commerce_orders')} (at)`,
    `create table ${t('commerce_refunds')} (
       customer_id text not null, order_id text not null, stream_version integer not null, at timestamptz not null, amount_minor bigint not null,
       primary key (customer_id, stream_version))`,
    `create table ${t('commerce_tier_overrides')} (
       customer_id text not null, stream_version integer not null, at timestamptz not null, tier text not null, reason text not null,
       primary key (customer_id, stream_version))`,
  ],
  async apply({ tx, events, table }: ProjectionBatch) {
    for (const event of events) {
      const customerId = customerOfStream(event.streamId);
      if (customerId !== undefined) await applyOne(tx, table, customerId, event);
    }
  },
};

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);

async function applyOne(tx: ProjectionBatch['tx'], table: ProjectionBatch['table'], customerId: string, e: RecordedEvent): Promise<void> {
  const at = e.metadata.occurredAt;
  const { data } = e;
  switch (e.type) {
    case 'CustomerRegistered':
      await tx.query(`insert into ${table('commerce_customers')} values ($1, $2, null) on conflict do nothing`, [customerId, at]);
      return;
    case 'CustomerErased':
      await tx.query(`update ${table('commerce_customers')} set erased_at = $2 where customer_id = $1`, [customerId, at]);
      return;
    case 'CustomerQualified':
    case 'CustomerDisqualified':
      await tx.query(`insert into ${table('commerce_qualifications')} values ($1, $2, $3, $4) on conflict do nothing`, [
        customerId,
        e.streamVersion,
        at,
        e.type === 'CustomerQualified',
      ]);
      return;
    case 'PurchaseRecorded': {
      const lines = Array.isArray(data.lines) ? data.lines : [];
      const categories = [...new Set(lines.flatMap((l) => (l && typeof l === 'object' && !Array.isArray(l) && typeof l.category === 'string' ? [l.category] : [])))].sort();
      await tx.query(`insert into ${table('commerce_orders')} values ($1, $2, $3, $4, $5, $6, $7, $8::text[]) on conflict do nothing`, [
        customerId,
        String(data.orderId),
        e.streamVersion,
        at,
        String(data.currency),
        num(data.amountMinor) ?? 0,
        num(data.costMinor),
        categories,
      ]);
      return;
    }
    case 'PurchaseRefunded':
      await tx.query(`insert into ${table('commerce_refunds')} values ($1, $2, $3, $4, $5) on conflict do nothing`, [
        customerId,
        String(data.orderId),
        e.streamVersion,
        at,
        num(data.amountMinor) ?? 0,
      ]);
      return;
    case 'TierOverridden':
      await tx.query(`insert into ${table('commerce_tier_overrides')} values ($1, $2, $3, $4, $5) on conflict do nothing`, [
        customerId,
        e.streamVersion,
        at,
        String(data.tier),
        String(data.reason),
      ]);
      return;
  }
}
