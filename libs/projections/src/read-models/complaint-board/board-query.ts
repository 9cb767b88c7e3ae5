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
  const complaints = new Map<string, { customerId: string; complaintId: string; facts: ComplaintFact[] }>();
  for (const row of rows) {
    const key = `${row.customer_id}\u0000${row.complaint_id}`;
    const complaint = complaints.get(key) ?? { customerId: row.customer_id, complaintId: row.complaint_id, facts: [] };
    const fact = (typeof row.fact === 'string' ? JSON.parse(row.fact) : row.fact) as ComplaintFact;
    complaint.facts.push({ ...fact, at: Number(row.at_ms), version: Number(row.stream_version) });
    complaints.set(key, complaint);
  }
  return [...complaints.values()];
}
