import type { SqlTransaction } from '@crm/event-store';

/**
 * Inserts rows in one statement, as one JSON parameter (text cast to jsonb: the driver would
 * encode a bound object twice); `columns` gives each field's SQL type. A row already there is kept.
 */
export async function insertRecordset(tx: SqlTransaction, table: string, rows: readonly object[], columns: string): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(`insert into ${table} select * from jsonb_to_recordset($1::text::jsonb) as r(${columns}) on conflict do nothing`, [JSON.stringify(rows)]);
}
