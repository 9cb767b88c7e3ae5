/** The little a SQL event store needs from a driver; postgres.js and PGlite both provide it. */
export interface SqlQueryable {
  /** Runs one statement with positional parameters ($1, $2, ...). */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A handle inside a transaction. */
export interface SqlTransaction extends SqlQueryable {
  /** Runs `work` under a savepoint: if it throws, only its own statements are undone. */
  savepoint<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Loads rows with `COPY table (columns) FROM STDIN`, in COPY's text format (`copyText` writes its fields): bulk speed. */
  copyFrom(table: string, columns: readonly string[], rows: string): Promise<void>;
}

/** A field of COPY's text format: backslash, tab, newline and carriage return escaped; null is `\N`. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => copyEscapes[c]) : value;
}

const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export interface SqlClient extends SqlQueryable {
  /** Runs `work` in one transaction on one connection; queries inside must use `tx`. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of every `NOTIFY` on `channel` (from any
   * process on the database) until the returned function is called. A notice
   * sent while the connection was down is lost: use it to act sooner, not as
   * the only way to learn of a change.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A PostgreSQL error as both drivers report it. */
export interface PgErrorInfo {
  code?: string;
  constraint?: string;
}

export function pgErrorInfo(error: unknown): PgErrorInfo {
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    constraint:
      typeof e.constraint_name === 'string' ? e.constraint_name : typeof e.constraint === 'string' ? e.constraint : undefined,
  };
}

export const uniqueViolation = '23505';

/**
 * PostgreSQL rolled the transaction back to let a concurrent one through
 * (deadlock_detected, serialization_failure): nothing was written, and the
 * same work may simply run again.
 */
export function lostToConcurrentTransaction({ code }: PgErrorInfo): boolean {
  return code === '40P01' || code === '40001';
}
