import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import type { BoardComplaint, ComplaintFact } from './complaint-facts';

/** Every complaint filed by T of the customers in the population at T (C2), or of one of them, with its facts up to T. */
export async function readComplaintsAsOf(db: SqlQueryable, asOf: string, customerId?: string): Promise<BoardComplaint[]> {
  const rows = await db.query<{ customer_id: string; complaint_id: string; stream_version: number; at_ms: number; fact: ComplaintFact | string }>(
    `select f.customer_id, f.complaint_id, f.stream_version, (extract(epoch from f.at) * 1000)::float8 as at_ms, f.fact
       from ${viewName('complaint_facts')} f
      where f.at <= $1::timestamptz and ($2::text is null or f.customer_id = $2)
        and not exists (select 1 from ${viewName('complaint_erasures')} e where e.customer_id = f.customer_id and e.at <= $1::timestamptz)
      order by f.customer_id, f.complaint_id, f.stream_version`,
    [asOf, customerId ?? null],
  );
  // The rows come complaint by complaint: each one's facts are consecutive.
  const complaints: { customerId: string; complaintId: string; facts: ComplaintFact[] }[] = [];
  let current: (typeof complaints)[number] | undefined;
  for (const row of rows) {
    if (current?.complaintId !== row.complaint_id || current.customerId !== row.customer_id) {
      current = { customerId: row.customer_id, complaintId: row.complaint_id, facts: [] };
      complaints.push(current);
    }
    const fact = (typeof row.fact === 'string' ? JSON.parse(row.fact) : row.fact) as Record<string, unknown>;
    fact.at = Number(row.at_ms);
    fact.version = Number(row.stream_version);
    current.facts.push(fact as unknown as ComplaintFact);
  }
  return complaints;
}
