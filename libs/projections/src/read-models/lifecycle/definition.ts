import { customerOfStream } from '@crm/domain';
import type { SqlTransaction } from '@crm/event-store';
import type { Projection, ProjectionBatch } from '../../projection';
import { copyRows } from '../copy-rows';
import { keepOrDefer, unkeptSchema } from '../deferred-keep';
import { lifecycleEventTypes, lifecycleFactRow, toLifecycleFact, type LifecycleFactRow } from './lifecycle-fact-of';
import { stageHistory } from './lifecycle-rules';

/** Later than any business time: the stored history runs to the end, and a query cuts it at its T. */
const endOfTime = 8_640_000_000_000_000;

/**
 * Lifecycle stage: the facts the stage depends on, and the whole stage history they give,
 * evaluated again for each customer a batch touches (a back-dated fact changes the past).
 * The erasure is kept as a fact and ends the customer's presence at its time; the history
 * before it stays, for aggregates as of earlier moments (C2). In a catch-up the evaluation
 * waits for the batch that catches up: the customers touched meanwhile are kept as unstaged.
 */
export const lifecycle: Projection = {
  name: 'lifecycle',
  version: 3,
  handles: lifecycleEventTypes,
  tables: ['lifecycle_facts', 'lifecycle_stages', 'lifecycle_unstaged'],
  defers: true,
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
    // Who is in the population at T (the funnel's cohort) without reading every fact.
    `create index on ${t('lifecycle_facts')} (kind, at) where kind in ('registered', 'erased')`,
    `create table ${t('lifecycle_stages')} (
       customer_id text not null,
       stage text not null,
       from_at timestamptz not null,
       to_at timestamptz,
       primary key (customer_id, from_at)
     )`,
    `create index on ${t('lifecycle_stages')} (from_at)`,
    unkeptSchema(t('lifecycle_unstaged')),
  ],
  async apply({ tx, events, table, more }: ProjectionBatch) {
    const rows: (LifecycleFactRow & { customer_id: string })[] = [];
    for (const event of events) {
      const customerId = customerOfStream(event.streamId);
      const row = customerId === undefined ? undefined : lifecycleFactRow(event);
      if (row) rows.push({ customer_id: customerId!, ...row });
    }
    await copyRows(tx, table('lifecycle_facts'), ['customer_id', 'stream_version', 'kind', 'at', 'level', 'contact_id', 'nps'], rows);
    await keepOrDefer(tx, table('lifecycle_unstaged'), [...new Set(rows.map((r) => r.customer_id))], more, (ids) => restage(tx, table, ids));
  },
};

const iso = (ms: number) => new Date(ms).toISOString();

/** Evaluates the stage histories of the customers again from all their facts: three statements for the whole batch. */
async function restage(tx: SqlTransaction, table: ProjectionBatch['table'], customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const facts = await tx.query<LifecycleFactRow & { customer_id: string; at_ms: number }>(
    `select customer_id, stream_version, kind, (extract(epoch from at) * 1000)::float8 as at_ms, level, contact_id, nps
       from ${table('lifecycle_facts')} where customer_id = any($1::text[]) and kind <> 'erased'`,
    [customerIds],
  );
  const factsOf = new Map<string, (LifecycleFactRow & { at_ms: number })[]>();
  for (const fact of facts) {
    const own = factsOf.get(fact.customer_id);
    if (own) own.push(fact);
    else factsOf.set(fact.customer_id, [fact]);
  }
  const stages = [...factsOf].flatMap(([customerId, own]) =>
    stageHistory(own.map(toLifecycleFact), endOfTime).map((s) => ({ customer_id: customerId, stage: s.stage, from_at: iso(s.from), to_at: s.to === null ? null : iso(s.to) })),
  );
  await tx.query(`delete from ${table('lifecycle_stages')} where customer_id = any($1::text[])`, [customerIds]);
  await copyRows(tx, table('lifecycle_stages'), ['customer_id', 'stage', 'from_at', 'to_at'], stages);
}
