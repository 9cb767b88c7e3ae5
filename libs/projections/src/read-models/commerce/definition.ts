import { customerOfStream } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { Projection, ProjectionBatch } from '../../projection';
import { copyRows } from '../copy-rows';
import { keepOrDefer, unkeptSchema } from '../deferred-keep';
import { horizonSchema, raiseHorizon } from '../horizon';
import { insertRecordset } from '../insert-recordset';
import { keepOrderNets } from './keep-order-nets';
import { keepOrderTotals } from './keep-order-totals';

/**
 * Commerce: who is in the population when (registration, qualification, erasure), every
 * order with its refunds, and the manual tier designations. Tiers and deciles are computed
 * from these at the asked instant (value within 365 days of T, net of refunds by T); each
 * customer's totals over all its orders, and each order's net after all its refunds, are also
 * kept, which answer any T past the horizon.
 * No personal field is kept (refund reasons are left out).
 */
export const commerce: Projection = {
  name: 'commerce',
  version: 2,
  handles: ['CustomerRegistered', 'CustomerQualified', 'CustomerDisqualified', 'CustomerErased', 'PurchaseRecorded', 'PurchaseRefunded', 'TierOverridden'],
  tables: ['commerce_customers', 'commerce_qualifications', 'commerce_orders', 'commerce_refunds', 'commerce_tier_overrides', 'commerce_totals', 'commerce_horizon', 'commerce_unkept'],
  defers: true,
  schema: (t) => [
    `create table ${t('commerce_customers')} (customer_id text primary key, registered_at timestamptz not null, erased_at timestamptz)`,
    `create table ${t('commerce_qualifications')} (
       customer_id text not null, stream_version integer not null, at timestamptz not null, qualified boolean not null,
       primary key (customer_id, stream_version))`,
    `create table ${t('commerce_orders')} (
       customer_id text not null, order_id text not null, stream_version integer not null, at timestamptz not null,
       currency text not null, amount_minor bigint not null, cost_minor bigint, categories text[] not null,
       net_minor bigint not null,
       primary key (customer_id, order_id))`,
    `create index on ${t('commerce_orders')} (at)`,
    `create table ${t('commerce_refunds')} (
       customer_id text not null, order_id text not null, stream_version integer not null, at timestamptz not null, amount_minor bigint not null,
       primary key (customer_id, stream_version))`,
    `create table ${t('commerce_tier_overrides')} (
       customer_id text not null, stream_version integer not null, at timestamptz not null, tier text not null, reason text not null,
       primary key (customer_id, stream_version))`,
    `create table ${t('commerce_totals')} (
       customer_id text not null, currency text not null, placed integer not null, orders integer not null,
       net_minor numeric not null, profit_minor numeric, first_at timestamptz, last_at timestamptz,
       primary key (customer_id, currency))`,
    horizonSchema(t('commerce_horizon')),
    unkeptSchema(t('commerce_unkept')),
  ],
  async apply({ tx, events, table, more }: ProjectionBatch) {
    const rows: Rows = { customers: [], erasures: [], qualifications: [], orders: [], refunds: [], overrides: [] };
    for (const event of events) {
      const customerId = customerOfStream(event.streamId);
      if (customerId !== undefined) collect(rows, customerId, event);
    }
    await insertRecordset(tx, table('commerce_customers'), rows.customers, 'customer_id text, registered_at timestamptz, erased_at timestamptz');
    await copyRows(tx, table('commerce_qualifications'), ['customer_id', 'stream_version', 'at', 'qualified'], rows.qualifications);
    await insertRecordset(
      tx,
      table('commerce_orders'),
      rows.orders,
      'customer_id text, order_id text, stream_version integer, at timestamptz, currency text, amount_minor bigint, cost_minor bigint, categories text[], net_minor bigint',
    );
    await copyRows(tx, table('commerce_refunds'), ['customer_id', 'order_id', 'stream_version', 'at', 'amount_minor'], rows.refunds);
    await copyRows(tx, table('commerce_tier_overrides'), ['customer_id', 'stream_version', 'at', 'tier', 'reason'], rows.overrides);
    // After the registrations: a customer registered and erased in one batch is erased.
    if (rows.erasures.length > 0) {
      await tx.query(
        `update ${table('commerce_customers')} c set erased_at = r.at
           from jsonb_to_recordset($1::text::jsonb) as r(customer_id text, at timestamptz) where c.customer_id = r.customer_id`,
        [JSON.stringify(rows.erasures)],
      );
    }
    await keepOrderNets(tx, table, rows.refunds);
    await keepOrDefer(tx, table('commerce_unkept'), [...new Set([...rows.orders, ...rows.refunds].map((r) => r.customer_id))], more, (ids) => keepOrderTotals(tx, table, ids));
    await raiseHorizon(tx, table('commerce_horizon'), events);
  },
};

/** A batch's rows per table, in the order of their events. */
interface Rows {
  customers: { customer_id: string; registered_at: string; erased_at: null }[];
  erasures: { customer_id: string; at: string }[];
  qualifications: { customer_id: string; stream_version: number; at: string; qualified: boolean }[];
  orders: ({ customer_id: string } & Record<string, unknown>)[];
  refunds: { customer_id: string; order_id: string; stream_version: number; at: string; amount_minor: number }[];
  overrides: { customer_id: string; stream_version: number; at: string; tier: string; reason: string }[];
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);

function collect(rows: Rows, customerId: string, e: RecordedEvent): void {
  const at = e.metadata.occurredAt;
  const { data } = e;
  const base = { customer_id: customerId, stream_version: e.streamVersion, at };
  switch (e.type) {
    case 'CustomerRegistered':
      rows.customers.push({ customer_id: customerId, registered_at: at, erased_at: null });
      return;
    case 'CustomerErased':
      rows.erasures.push({ customer_id: customerId, at });
      return;
    case 'CustomerQualified':
    case 'CustomerDisqualified':
      rows.qualifications.push({ ...base, qualified: e.type === 'CustomerQualified' });
      return;
    case 'PurchaseRecorded': {
      const lines = Array.isArray(data.lines) ? data.lines : [];
      const categories = [...new Set(lines.flatMap((l) => (l && typeof l === 'object' && !Array.isArray(l) && typeof l.category === 'string' ? [l.category] : [])))].sort();
      rows.orders.push({
        customer_id: customerId,
        order_id: String(data.orderId),
        stream_version: e.streamVersion,
        at,
        currency: String(data.currency),
        amount_minor: num(data.amountMinor) ?? 0,
        net_minor: num(data.amountMinor) ?? 0,
        cost_minor: num(data.costMinor),
        categories,
      });
      return;
    }
    case 'PurchaseRefunded':
      rows.refunds.push({ customer_id: customerId, order_id: String(data.orderId), stream_version: e.streamVersion, at, amount_minor: num(data.amountMinor) ?? 0 });
      return;
    case 'TierOverridden':
      rows.overrides.push({ ...base, tier: String(data.tier), reason: String(data.reason) });
      return;
  }
}
