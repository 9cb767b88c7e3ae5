import { contactOfSubject } from '@crm/domain';
import type { SqlQueryable } from '@crm/event-store';

/**
 * Deletes the answers kept for requests that wrote `streamId` (they hold its personal data), inside the
 * caller's transaction; an answer still being written is left to expire. A contact's erasure (`subject`)
 * deletes those whose events name the contact. A retry of a deleted answer is decided again, and writes
 * nothing twice: its events' ids derive from the request.
 */
export async function deleteAnswersOf(tx: SqlQueryable, streamId: string, subject?: string): Promise<void> {
  const contactId = subject === undefined ? undefined : contactOfSubject(subject);
  if (contactId === undefined) {
    await tx.query(`delete from crm_idempotency_keys where stream_id = $1 and status is not null`, [streamId]);
    return;
  }
  await tx.query(
    `delete from crm_idempotency_keys
      where stream_id = $1 and status is not null
        and jsonb_path_exists(body::jsonb, '$.events[*].data.contactId ? (@ == $contact)', jsonb_build_object('contact', $2::text))`,
    [streamId, contactId],
  );
}
