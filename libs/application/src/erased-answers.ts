import type { SqlQueryable } from '@crm/event-store';

/**
 * Deletes the answers kept for requests that wrote `streamId` (they hold its personal data), inside the
 * caller's transaction; an answer still being written is left to expire.
 */
export async function deleteAnswersOf(tx: SqlQueryable, streamId: string): Promise<void> {
  await tx.query(`delete from crm_idempotency_keys where stream_id = $1 and status is not null`, [streamId]);
}
