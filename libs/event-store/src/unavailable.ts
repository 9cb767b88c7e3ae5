/** The code of the error a request gets at once while the database server is known to be unreachable. */
export const databaseUnreachableCode = 'DATABASE_UNREACHABLE';

/** postgres.js's own codes for a connection that could not be made or was lost, and ours for a server known to be unreachable. */
const lostConnection = new Set([databaseUnreachableCode, 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/** SQLSTATEs of a server that is going away, starting, full, or that cancelled a statement over the time limit. */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

/**
 * Whether an error says the database cannot be reached or answer now (not
 * that the request was wrong): the caller may try again later, and a service
 * answers 503 with Retry-After rather than 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return lostConnection.has(code) || unavailableStates.has(code) || code.startsWith('08');
}
