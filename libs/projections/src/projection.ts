import type { RecordedEvent, SqlTransaction } from '@crm/event-store';

/** Qualified name (`crm_read.<table>_g<generation>`) of one of a projection's tables in the generation being written. */
export type TableNamer = (table: string) => string;

/** What a projection writes in one batch: its events, in `$all` order, and the transaction that also moves its checkpoint. */
export interface ProjectionBatch {
  readonly tx: SqlTransaction;
  readonly events: readonly RecordedEvent[];
  readonly table: TableNamer;
  /**
   * More events were ready right after this batch (a catch-up). Work that a projection would
   * do again in every batch (the lifecycle evaluates the whole history of each customer it
   * touches) may wait for a batch without more: one comes once the lane has caught up.
   */
  readonly more: boolean;
}

/**
 * A read model built from `$all`. Applying the same events to empty tables gives the same rows,
 * byte for byte: `apply` reads nothing but its events and its own tables (never the clock).
 */
export interface Projection {
  /** Stable, lower-case: the tables' prefix and the name in `/v1/projections`. */
  readonly name: string;
  /** Raised when the tables or the rules change: the projection is rebuilt into fresh tables. */
  readonly version: number;
  /** The event types it reads; `'all'` for every type, unknown ones too. */
  readonly handles: readonly string[] | 'all';
  /** Its tables' names, each also a view `crm_read.<table>` on the active generation. */
  readonly tables: readonly string[];
  /**
   * Its apply leaves work for a batch without `more` (see ProjectionBatch): such a batch is
   * applied to it even when none of its events are in it.
   */
  readonly defers?: boolean;
  /** The statements that create its tables and indexes in a generation. */
  schema(table: TableNamer): readonly string[];
  apply(batch: ProjectionBatch): Promise<void>;
}

export const readSchema = 'crm_read';

export const tableNamer =
  (generation: number): TableNamer =>
  (table) =>
    `${readSchema}.${table}_g${generation}`;

export const viewName = (table: string): string => `${readSchema}.${table}`;

export function handlesType(projection: Projection, type: string): boolean {
  return projection.handles === 'all' || projection.handles.includes(type);
}
