import type { SqlTransaction } from '@crm/event-store';

/**
 * Keeping a customer's current state costs a read of all its rows, so a catch-up (a batch with
 * more ready) only lists the customers it touches, and the batch that catches up keeps them all
 * at once. While any is listed the kept state is behind its facts: the reads step aside (see
 * pastHorizon). The lifecycle's stage histories wait the same way.
 */
export const unkeptSchema = (table: string): string => `create table ${table} (customer_id text primary key)`;

export async function keepOrDefer(
  tx: SqlTransaction,
  unkept: string,
  customerIds: readonly string[],
  more: boolean,
  keep: (customerIds: readonly string[]) => Promise<void>,
): Promise<void> {
  const listed = await takeUnkept(tx, unkept, customerIds, more);
  if (listed !== undefined) await keepInShares([...new Set([...customerIds, ...listed])], keep);
}

/**
 * In a catch-up, lists the customers and answers undefined; otherwise takes every customer
 * listed before and answers them: their state is to be kept from all their rows.
 */
export async function takeUnkept(tx: SqlTransaction, unkept: string, customerIds: readonly string[], more: boolean): Promise<string[] | undefined> {
  if (more) {
    if (customerIds.length > 0) {
      await tx.query(`insert into ${unkept} select unnest($1::text[]) on conflict do nothing`, [customerIds]);
    }
    return undefined;
  }
  const listed = await tx.query<{ customer_id: string }>(`delete from ${unkept} returning customer_id`);
  return listed.map((r) => r.customer_id);
}

/** After a catch-up that is every customer: a share at a time keeps the rows in memory few. */
export async function keepInShares(customerIds: readonly string[], keep: (customerIds: readonly string[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < customerIds.length; i += keepShare) await keep(customerIds.slice(i, i + keepShare));
}

const keepShare = 2000;
