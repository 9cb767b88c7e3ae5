import { contactOfSubject } from '@crm/domain';
import type { SqlQueryable } from '@crm/event-store';

/**
 * Deletes the answers kept for requests that wrote `streamId` (they hold its personal data), inside the
 * caller's transaction, and the claims of those still running: such a request stores its answer only
 * where its claim still is, so none is kept that was read before the erasure. A contact's erasure
 * (`subject`) deletes the answers whose events name the contact, and the claims still running on the
 * stream (what they will answer is not known yet). A retry of a deleted answer is decided again, and
 * writes nothing twice: its events' ids derive from the request.
 */
export async function deleteAnswersOf(tx: SqlQueryable, streamId: string, subject?: string): Promise<void> {
  const contactId = subject === undefined ? undefined : contactOfSubject(subject);
  if (contactId === undefined) {
    await tx.query(`delete from crm_idempotency_keys where stream_id = $1`, [streamId]);
    return;
  }
  await tx.query(
    `delete from crm_idempotency_keys
      where stream_id = $1
        and (status is null or jsonb_path_exists(body::jsonb, '$.events[*].data.contactId ? (@ == $contact)', jsonb_build_object('contact', $2::text)))`,
    [streamId, contactId],
  );
}
