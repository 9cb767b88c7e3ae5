import type { SqlQueryable } from '@crm/event-store';
import { logColumns, type Attempt } from './attempt';

/** The receiver took them (2xx): the deliveries are done, and logged, in one statement. */
export async function recordDelivered(db: SqlQueryable, webhookId: string, attempts: readonly Attempt[]): Promise<void> {
  if (attempts.length === 0) return;
  await db.query(
    `with took as (
       select * from unnest($2::bigint[], $3::int[], $4::int[], $5::text[], $6::int[]) as a (position, attempt, status, response, duration_ms)
     ), done as (
       delete from crm_webhook_pending p using took where p.webhook_id = $1 and p.position = took.position returning p.position, p.event_id, p.stream_id
     )
     insert into crm_webhook_deliveries (${logColumns})
     select $1, done.position, done.event_id, done.stream_id, took.attempt, 'delivered', took.status, null, took.response, took.duration_ms
     from done join took using (position) order by done.position`,
    [
      webhookId,
      attempts.map((a) => a.position),
      attempts.map((a) => a.attempt),
      attempts.map((a) => a.status),
      attempts.map((a) => a.response),
      attempts.map((a) => a.durationMs),
    ],
  );
}
