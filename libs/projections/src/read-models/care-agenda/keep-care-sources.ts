import type { SqlTransaction } from '@crm/event-store';
import type { TableNamer } from '../../projection';
import { careFactsByCustomer } from './care-facts';
import { storedCareFactOf, type CareFactRow } from './care-query';
import { careSourcesOf, foldCareFacts } from './care-sources';

/**
 * Folds the touched customers' care facts, every one held, into their kept care dates: their
 * dates at any T past the horizon, with each date's month-day for a window to fetch by. The
 * customer's own birthday has no label here: the name is the directory's, put in when read.
 * A customer with no fact left (erased) keeps none.
 */
export async function keepCareSources(tx: SqlTransaction, table: TableNamer, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const rows = await tx.query<CareFactRow>(
    `select customer_id, stream_version, (extract(epoch from at) * 1000)::float8 as at_ms, fact
       from ${table('care_facts')} where customer_id = any($1::text[]) order by customer_id`,
    [customerIds],
  );
  const facts = careFactsByCustomer(rows.map(storedCareFactOf));
  const sources = [...facts].flatMap(([customerId, own]) =>
    careSourcesOf(customerId, '', foldCareFacts(own, Number.POSITIVE_INFINITY)).map((s, ordinal) => ({
      customer_id: customerId,
      ordinal,
      kind: s.kind,
      label: s.kind === 'birthday' ? null : s.label,
      date: s.date,
      month_day: s.date.slice(-5),
    })),
  );
  await tx.query(`delete from ${table('care_sources')} where customer_id = any($1::text[])`, [customerIds]);
  if (sources.length > 0) {
    await tx.query(
      `insert into ${table('care_sources')}
       select * from jsonb_to_recordset($1::text::jsonb) as r(customer_id text, ordinal integer, kind text, label text, date text, month_day text)`,
      [JSON.stringify(sources)],
    );
  }
}
