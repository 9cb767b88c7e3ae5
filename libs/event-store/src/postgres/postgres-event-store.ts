import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { SqlEventStore, type SqlEventStoreOptions } from '../sql/sql-event-store';
import type { SqlClient, SqlQueryable, SqlTransaction } from '../sql/sql-client';
import { UnreachableServerGate } from './unreachable-server-gate';

/** int8 as a JS number: positions and counts stay far below 2^53. */
const int8AsNumber = { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) };

export interface PostgresConnectionOptions {
  /** Connections in the pool. */
  max?: number;
  /** A statement running longer is cancelled (SQLSTATE 57014); default 60 s. */
  statementTimeoutMs?: number;
}

export function createPostgresClient(url: string, options: PostgresConnectionOptions = {}): SqlClient {
  const sql = postgres(url, {
    max: options.max ?? 20,
    onnotice: () => undefined,
    types: { int8: int8AsNumber },
    // Our statements are parameterised and their best plan does not depend on the values:
    // a generic plan saves re-planning the append on every call (about a third of its cost).
    // No statement waits for ever (a stuck lock, a server in trouble): the caller is told, and may try again.
    connection: {
      application_name: 'crm-event-engine',
      plan_cache_mode: 'force_generic_plan',
      statement_timeout: options.statementTimeoutMs ?? 60_000,
      idle_in_transaction_session_timeout: 60_000,
    },
    connect_timeout: 10,
    // postgres.js's own backoff counts failures over the whole pool: when the server goes away, all
    // twenty connections fail within milliseconds and each then waits 10-20 s before trying again,
    // with the queries queued on it. A connection tries again within a second.
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1),
  });
  const gate = new UnreachableServerGate({ ping: () => sql`select 1` });
  const queryable = (conn: postgres.Sql | postgres.TransactionSql): SqlQueryable => ({
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await conn.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as Row[],
    exec: async (script: string) => {
      await conn.unsafe(script).simple();
    },
  });
  // postgres.js fails the whole transaction on any failed statement unless it ran under its own savepoint().
  const inTransaction = (tx: postgres.TransactionSql): SqlTransaction => ({
    ...queryable(tx),
    savepoint: async <T>(work: (inner: SqlTransaction) => Promise<T>) =>
      (await tx.savepoint((inner) => work(inTransaction(inner)))) as T,
    copyFrom: async (table, columns, rows) => {
      const into = await tx.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
      await pipeline(Readable.from([rows]), into);
    },
  });
  const direct = queryable(sql);
  return {
    query: (text, params) => gate.run(() => direct.query(text, params)),
    exec: (script) => gate.run(() => direct.exec(script)),
    transaction: <T>(work: (tx: SqlTransaction) => Promise<T>) =>
      gate.run(async () => (await sql.begin((tx) => work(inTransaction(tx)))) as T),
    listen: async (channel, onNotify) => {
      // postgres.js listens on a connection of its own and listens again after reconnecting.
      const { unlisten } = await sql.listen(channel, onNotify);
      return unlisten;
    },
    close: () => {
      gate.close();
      return sql.end({ timeout: 5 });
    },
  };
}

/** The event store on a PostgreSQL server. */
export function createPostgresEventStore(
  url: string,
  options: SqlEventStoreOptions & PostgresConnectionOptions = {},
): Promise<SqlEventStore> {
  return SqlEventStore.open(createPostgresClient(url, options), options);
}
