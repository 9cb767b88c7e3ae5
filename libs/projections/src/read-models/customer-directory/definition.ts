import { customerOfStream } from '@crm/domain';
import type { Projection, ProjectionBatch } from '../../projection';
import { copyRows } from '../copy-rows';
import { keepOrDefer, unkeptSchema } from '../deferred-keep';
import { horizonSchema, raiseHorizon } from '../horizon';
import { insertRecordset } from '../insert-recordset';
import { keepDirectoryLatest } from './keep-directory-latest';

/**
 * The customer directory: who each customer is (name, kind), who manages it since when, and
 * when it was contacted, on every channel. The list of customers, the care agenda and the 360
 * read it as of an instant; each customer's latest manager and contacts are also kept, which
 * answer any T past the horizon. The name is personal: an erasure clears it, and the erased
 * customer stays as a row for aggregates as of earlier moments (C2).
 */
export const customerDirectory: Projection = {
  name: 'customer_directory',
  version: 2,
  handles: ['CustomerRegistered', 'CustomerErased', 'AccountManagerAssigned', 'InteractionRecorded'],
  tables: ['directory_customers', 'directory_managers', 'directory_interactions', 'directory_horizon', 'directory_unkept'],
  defers: true,
  schema: (t) => [
    `create table ${t('directory_customers')} (
       customer_id text primary key, kind text not null, name text, registered_at timestamptz not null, erased_at timestamptz,
       manager_id text, last_at timestamptz, last_channel text, last_visit_at timestamptz)`,
    `create table ${t('directory_managers')} (
       customer_id text not null, stream_version integer not null, at timestamptz not null, manager_id text not null,
       primary key (customer_id, stream_version))`,
    `create index on ${t('directory_managers')} (customer_id, at desc, stream_version desc)`,
    `create table ${t('directory_interactions')} (
       customer_id text not null, stream_version integer not null, at timestamptz not null, channel text not null,
       primary key (customer_id, stream_version))`,
    `create index on ${t('directory_interactions')} (customer_id, at desc)`,
    horizonSchema(t('directory_horizon')),
    unkeptSchema(t('directory_unkept')),
  ],
  async apply({ tx, events, table, more }: ProjectionBatch) {
    const rows: Record<'customers' | 'managers' | 'interactions', Record<string, unknown>[]> = { customers: [], managers: [], interactions: [] };
    const erased: { customer_id: string; at: string }[] = [];
    for (const e of events) {
      const customerId = customerOfStream(e.streamId);
      if (customerId === undefined) continue;
      const base = { customer_id: customerId, stream_version: e.streamVersion, at: e.metadata.occurredAt };
      if (e.type === 'CustomerRegistered') {
        rows.customers.push({ customer_id: customerId, kind: String(e.data.kind), name: text(e.data.name), registered_at: e.metadata.occurredAt });
      } else if (e.type === 'CustomerErased') erased.push({ customer_id: customerId, at: e.metadata.occurredAt });
      else if (e.type === 'AccountManagerAssigned') rows.managers.push({ ...base, manager_id: String(e.data.managerId) });
      else rows.interactions.push({ ...base, channel: String(e.data.channel) });
    }
    // Inserted before the erasures of the same batch, so that a registration and its erasure in one batch leave no name.
    await insertRecordset(tx, table('directory_customers'), rows.customers, 'customer_id text, kind text, name text, registered_at timestamptz');
    await copyRows(tx, table('directory_managers'), ['customer_id', 'stream_version', 'at', 'manager_id'], rows.managers);
    await copyRows(tx, table('directory_interactions'), ['customer_id', 'stream_version', 'at', 'channel'], rows.interactions);
    if (erased.length > 0) {
      await tx.query(
        `update ${table('directory_customers')} c set name = null, erased_at = r.at
           from jsonb_to_recordset($1::text::jsonb) as r(customer_id text, at timestamptz) where c.customer_id = r.customer_id`,
        [JSON.stringify(erased)],
      );
    }
    await keepOrDefer(tx, table('directory_unkept'), [...new Set([...rows.managers, ...rows.interactions].map((r) => r.customer_id as string))], more, (ids) => keepDirectoryLatest(tx, table, ids));
    await raiseHorizon(tx, table('directory_horizon'), events);
  },
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

