import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { appendOneParameters, appendOneStatement } from '../sql/statements';
import type { EventStoreAdapter, OpenedEventStore } from './contract-fixtures';

/** What the SQL contract needs from an adapter built on `SqlEventStore`: the port, and the database under it. */
export interface SqlEventStoreAdapter extends EventStoreAdapter {
  open(): Promise<OpenedSqlEventStore>;
}

export interface OpenedSqlEventStore extends OpenedEventStore {
  /** The store's own connection, for SQL the suite runs beside it. */
  client: SqlClient;
  /** Another store over the same connection, as another process would have one: it shares no memory with `store`. */
  another(): Promise<EventStore>;
  /** A second, independent connection to the same database; absent where the adapter has one connection only. */
  connect?: () => Promise<SqlClient>;
}

/**
 * Appends inside a transaction that the test holds open, through the store's
 * own append statement: the position is drawn now, committed when `commit` runs.
 */
export async function heldAppend(client: SqlClient, streamId: string) {
  let release!: (commit: boolean) => void;
  const decision = new Promise<boolean>((resolve) => (release = resolve));
  let appended!: () => void;
  const drawn = new Promise<void>((resolve) => (appended = resolve));
  const rolledBack = new Error('rolled back by the test');
  const finished = client
    .transaction(async (tx) => {
      await tx.query(appendOneStatement, oneEvent(streamId, 'Held'));
      appended();
      if (!(await decision)) throw rolledBack;
    })
    .catch((error) => {
      if (error !== rolledBack) throw error;
    });
  await drawn;
  return {
    commit: async () => {
      release(true);
      await finished;
    },
    rollback: async () => {
      release(false);
      await finished;
    },
  };
}

/** Parameters of the store's own one-event append, for tests that drive transactions by hand. */
export function oneEvent(streamId: string, type: string, eventId: string = randomUUID()): unknown[] {
  return appendOneParameters(streamId, null, { eventId, type, schemaVersion: 1, dataJson: '{}', metadataJson: '{}', occurredAt: null });
}

/**
 * A stream's first event inserted by plain SQL, as an import or an operator
 * would write it: no position and no tx_id, so the column defaults give them;
 * the link is computed in SQL. The hash is the row's last column, computed
 * after the position default: the advisory lock `gate` taken there stops the
 * insert between drawing its position and storing its row for as long as
 * another session holds that lock.
 */
export async function plainInsert(db: SqlQueryable, streamId: string, gate = 0): Promise<{ eventId: string; position: number }> {
  const eventId = randomUUID();
  const [row] = await db.query<{ position: number }>(
    `insert into crm_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
     values ($1::uuid, $2::text, 0, 'Imported', 1, '{}', '{}', $3::timestamptz, $3::timestamptz,
             sha256(crm_event_canonical($2::text, 0, $1::uuid, 'Imported', 1, '{}', '{}', $3::timestamptz, $3::timestamptz))
             || convert_to(pg_advisory_xact_lock_shared($4::bigint)::text, 'UTF8'))
     returning position`,
    [eventId, streamId, new Date().toISOString(), gate],
  );
  return { eventId, position: Number(row.position) };
}
