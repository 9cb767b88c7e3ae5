import { customerOfStream } from '@crm/domain';
import type { SqlTransaction } from '@crm/event-store';
import type { Projection, ProjectionBatch } from '../../projection';
import { insertRecordset } from '../insert-recordset';
import { lifecycleEventTypes, lifecycleFactRow, toLifecycleFact, type LifecycleFactRow } from './lifecycle-fact-of';
import { stageHistory } from './lifecycle-rules';

/** Later than any business time: the stored history runs to the end, and a query cuts it at its T. */
const endOfTime = 8_640_000_000_000_000;

/**
 * Lifecycle stage: the facts the stage depends on, and the whole stage history they give,
 * evaluated again for each customer a batch touches (a back-dated fact changes the past).
 * The erasure is kept as a fact and ends the customer's presence at its time; the history
 * before it stays, for aggregates as of earlier moments (C2).
 */
export const lifecycle: Projection = {
  name: 'lifecycle',
  version: 1,
  handles: lifecycleEventTypes,
  tables: ['lifecycle_facts', 'lifecycle_stages'],
  schema: (t) => [
    `create table ${t('lifecycle_facts')} (
       customer_id text not null,
       stream_version integer not null,
       kind text not null,
       at timestamptz not null,
       level text,
       contact_id text,
       nps integer,
       primary key (customer_id, stream_version)
     )`,
    `create table ${t('lifecycle_stages')} (
       customer_id text not null,
       stage text not null,
       from_at timestamptz not null,
       to_at timestamptz,
       primary key (customer_id, from_at)
     )`,
    `create index on ${t('lifecycle_stages')} (from_at)`,
  ],
  async apply({ tx, events, table }: ProjectionBatch) {
    const rows: (LifecycleFactRow & { customer_id: string })[] = [];
    for (const event of events) {
      const customerId = customerOfStream(event.streamId);
      const row = customerId === undefined ? undefined : lifecycleFactRow(event);
      if (row) rows.push({ customer_id: customerId!, ...row });
    }
    if (rows.length === 0) return;
    await insertRecordset(tx, table('lifecycle_facts'), rows, 'customer_id text, stream_version integer, kind text, at timestamptz, level text, contact_id text, nps integer');
    for (const customerId of new Set(rows.map((r) => r.customer_id))) await restage(tx, table, customerId);
  },
};

const iso = (ms: number) => new Date(ms).toISOString();

async function restage(tx: SqlTransaction, table: ProjectionBatch['table'], customerId: string): Promise<void> {
  const facts = await tx.query<LifecycleFactRow & { at_ms: number }>(
    `select stream_version, kind, (extract(epoch from at) * 1000)::float8 as at_ms, level, contact_id, nps
       from ${table('lifecycle_facts')} where customer_id = $1 and kind <> 'erased'`,
    [customerId],
  );
  const history = stageHistory(facts.map(toLifecycleFact), endOfTime);
  await tx.query(`delete from ${table('lifecycle_stages')} where customer_id = $1`, [customerId]);
  if (history.length === 0) return;
  await tx.query(
    `insert into ${table('lifecycle_stages')}
     select $1, r.stage, r.from_at, r.to_at from jsonb_to_recordset($2::text::jsonb) as r(stage text, from_at timestamptz, to_at timestamptz)`,
    [customerId, JSON.stringify(history.map((s) => ({ stage: s.stage, from_at: iso(s.from), to_at: s.to === null ? null : iso(s.to) })))],
  );
}
