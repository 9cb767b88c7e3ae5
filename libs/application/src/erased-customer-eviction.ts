import { streamKeyShreddedChannel, streamOfKey, type SqlClient } from '@crm/event-store';
import { customerOfStream } from './stream-fold-cache';

/**
 * When a customer is erased, or one of its contacts, by this process or
 * another, the folded states kept in memory go too: they hold the personal
 * data that erasure shredded (the notice names the shredded key, the stream's
 * or a contact's on it). Answers the function that stops listening.
 */
export function evictErasedCustomers(client: SqlClient, caches: readonly { forget(customerId: string): void }[]): Promise<() => Promise<void>> {
  return client.listen(streamKeyShreddedChannel, (key) => {
    const customerId = customerOfStream(streamOfKey(key));
    if (customerId === undefined) return;
    for (const cache of caches) cache.forget(customerId);
  });
}
