/** What one attempt to deliver came to, as the receiver answered (or did not). */
export interface Attempt {
  /** The pending delivery's position. */
  position: number;
  /** 1-based, counted from the delivery's (re)start. */
  attempt: number;
  /** The HTTP status; null when the receiver gave none. */
  status: number | null;
  /** Why it failed; null when it did not. */
  error: string | null;
  /** The start of the receiver's answer. */
  response: string | null;
  durationMs: number;
}

/** $1-$7 of the statements that record an attempt in the delivery log. */
export function attemptParams(webhookId: string, a: Attempt): unknown[] {
  return [webhookId, a.position, a.attempt, a.status, a.error, a.response, a.durationMs];
}

/** The log's columns that those parameters fill, after the row's own event id and stream. */
export const logColumns = `webhook_id, position, event_id, stream_id, attempt, outcome, status, error, response, duration_ms`;
