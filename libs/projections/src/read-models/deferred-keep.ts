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
  if (more) {
    if (customerIds.length > 0) {
      await tx.query(`insert into ${unkept} select unnest($1::text[]) on conflict do nothing`, [customerIds]);
    }
    return;
  }
  const listed = await tx.query<{ customer_id: string }>(`delete from ${unkept} returning customer_id`);
  const customers = [...new Set([...customerIds, ...listed.map((r) => r.customer_id)])];
  // After a catch-up that is every customer: a share at a time keeps the rows in memory few.
  for (let i = 0; i < customers.length; i += keepShare) await keep(customers.slice(i, i + keepShare));
}

const keepShare = 2000;
