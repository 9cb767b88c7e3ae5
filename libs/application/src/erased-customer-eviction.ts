import { streamKeyShreddedChannel, type SqlClient } from '@crm/event-store';
import { customerOfStream } from './stream-fold-cache';

/**
 * When a customer is erased, by this process or another, the folded states
 * kept in memory go too: they hold the personal data that erasure shredded.
 * Answers the function that stops listening.
 */
export function evictErasedCustomers(client: SqlClient, caches: readonly { forget(customerId: string): void }[]): Promise<() => Promise<void>> {
  return client.listen(streamKeyShreddedChannel, (streamId) => {
    const customerId = customerOfStream(streamId);
    if (customerId === undefined) return;
    for (const cache of caches) cache.forget(customerId);
  });
}
