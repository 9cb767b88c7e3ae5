import { mkdirSync } from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { SqlEventStore, type SqlEventStoreOptions } from '../sql/sql-event-store';
import { lockDataDir } from './data-dir-lock';
import type { SqlClient, SqlQueryable, SqlTransaction } from '../sql/sql-client';

/**
 * PGlite: PostgreSQL compiled to WebAssembly, in this process. One connection,
 * so calls are serialised; inside a transaction only the transaction handle
 * may be used (the outer handle would wait for the transaction: deadlock).
 * A data folder is locked to the process that has it open.
 */
export async function createPGliteClient(dataDir?: string): Promise<SqlClient> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir, { parsers: { [types.INT8]: (value: string) => Number(value) } });
  } catch (error) {
    unlock();
    throw error;
  }
  const queryable = (conn: PGlite | Transaction): SqlQueryable => ({
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await conn.query<Row>(text, params as unknown[])).rows,
    exec: async (script: string) => {
      await conn.exec(script);
    },
  });
  let savepoints = 0;
  const inTransaction = (tx: Transaction): SqlTransaction => ({
    ...queryable(tx),
    // PGlite reads COPY's input from its /dev/blob device.
    copyFrom: async (table, columns, rows) => {
      await tx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([rows]) });
    },
    savepoint: async <T>(work: (inner: SqlTransaction) => Promise<T>) => {
      const name = `crm_sp_${savepoints++}`;
      await tx.exec(`savepoint ${name}`);
      try {
        const result = await work(inTransaction(tx));
        await tx.exec(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await tx.exec(`rollback to savepoint ${name}`);
        throw error;
      }
    },
  });
  return {
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(inTransaction(tx))),
    listen: async (channel, onNotify) => {
      const unlisten = await db.listen(channel, onNotify);
      return () => unlisten();
    },
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}

/** The embedded event store: file-backed under `dataDir`, in memory without it. */
export async function createPGliteEventStore(
  dataDir?: string,
  options: SqlEventStoreOptions = {},
): Promise<SqlEventStore> {
  return SqlEventStore.open(await createPGliteClient(dataDir), options);
}
