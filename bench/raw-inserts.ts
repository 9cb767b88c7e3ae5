import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';

/** The physical limit: plain INSERTs into a table shaped like ours (same columns, keys and indexes). */
export async function createRawTable(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`create table if not exists raw_events (
    position bigserial primary key, tx_id xid8 not null default pg_current_xact_id(), event_id uuid not null unique,
    stream_id text not null, stream_version integer not null, type text not null, schema_version integer not null,
    data jsonb not null, metadata jsonb not null, occurred_at timestamptz not null, recorded_at timestamptz not null,
    hash bytea not null, unique (stream_id, stream_version))`);
}

export function purchaseData(i: number) {
  return { orderId: `o-${i}`, lines: [{ sku: 'SKU-1', quantity: 2, unitPriceMinor: 1999 }], amountMinor: 3998, currency: 'CNY' };
}

/**
 * Inserts `n` events at the next versions of `stream`: one single-row INSERT
 * for one event; for more, one INSERT of all rows from arrays (unnest), the
 * fastest plain way measured here (a VALUES list of 1,000 parameters is about
 * a third slower).
 */
export function rawInserter(sql: postgres.Sql): (stream: string, n: number) => Promise<void> {
  const versions = new Map<string, number>();
  return async (stream, n) => {
    const base = (versions.get(stream) ?? -1) + 1;
    if (n === 1) {
      await sql`insert into raw_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
        values (${randomUUID()}, ${stream}, ${base}, 'PurchaseRecorded', 1, ${JSON.stringify(purchaseData(0))}::text::jsonb, ${JSON.stringify({ actor: 'bench' })}::text::jsonb,
                now(), now(), ${Buffer.alloc(32)})`;
    } else {
      const ids = Array.from({ length: n }, () => randomUUID());
      const data = Array.from({ length: n }, (_, i) => JSON.stringify(purchaseData(i)));
      const metadata = Array.from({ length: n }, () => JSON.stringify({ actor: 'bench' }));
      await sql`insert into raw_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
        select id, ${stream}, ${base} + ord::integer - 1, 'PurchaseRecorded', 1, data::jsonb, metadata::jsonb, now(), now(), ${Buffer.alloc(32)}
        from unnest(${ids}::uuid[], ${data}::text[], ${metadata}::text[]) with ordinality as t(id, data, metadata, ord)`;
    }
    versions.set(stream, base + n - 1);
  };
}

/** Events per second of `callers` concurrent callers doing `perCaller` single-row inserts each. */
export async function rawInsertRate(sql: postgres.Sql, callers: number, perCaller: number): Promise<number> {
  const insert = rawInserter(sql);
  const run = randomUUID().slice(0, 8);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let i = 0; i < perCaller; i++) await insert(`raw-${run}-${caller}-${i % 10}`, 1);
    }),
  );
  return (callers * perCaller) / (Number(process.hrtime.bigint() - started) / 1e9);
}
