import { copyText, type SqlTransaction } from '@crm/event-store';

/** A row's field as COPY's text format reads it in a column of any type: objects as JSON (jsonb), booleans as t/f, absent as null. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return copyText(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return copyText(JSON.stringify(value));
}

/**
 * Below this many rows, one INSERT: a COPY is three round trips (start, data, end), and a live
 * batch of a few rows took 1.3 ms in a transaction by COPY against 0.7 ms by INSERT.
 */
const fewRows = 500;

/**
 * Inserts rows with COPY, at bulk speed (PostgreSQL parses no JSON to get them), or a few with
 * one INSERT, for rows whose key is an event's own (its position, or its customer and stream
 * version), which no other row can have: a duplicate fails the batch rather than being kept out.
 */
export async function copyRows<Row extends object>(tx: SqlTransaction, table: string, columns: readonly (keyof Row & string)[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length < fewRows) {
    // The table's own row type reads the JSON: no column types to repeat here.
    const list = columns.join(', ');
    await tx.query(`insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, $1::text::jsonb)`, [JSON.stringify(rows)]);
    return;
  }
  let text = '';
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    text += columns.map((column) => copyField(record[column])).join('\t') + '\n';
  }
  await tx.copyFrom(table, columns, text);
}
