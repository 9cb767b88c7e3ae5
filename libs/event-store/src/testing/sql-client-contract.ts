import type { SqlClient } from '../sql/sql-client';

const channel = 'crm_contract_channel';

async function eventually(check: () => boolean, withinMs = 5000): Promise<void> {
  for (const until = Date.now() + withinMs; !check(); ) {
    if (Date.now() > until) throw new Error('the notice did not arrive');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What the service asks of a database client beyond the event store: NOTIFY reaching a listener. */
export function sqlClientContract(name: string, open: () => Promise<{ client: SqlClient; dispose: () => Promise<void> }>): void {
  describe(`${name}: SqlClient`, () => {
    it('delivers a NOTIFY to a listener when its transaction commits, and nothing once it stops listening', async () => {
      const { client, dispose } = await open();
      try {
        const heard: string[] = [];
        const stop = await client.listen(channel, (payload) => heard.push(payload));
        await client.transaction(async (tx) => {
          await tx.query(`select pg_notify($1, 'committed')`, [channel]);
          await tx.query(`select pg_sleep(0.05)`);
          expect(heard).toEqual([]);
        });
        await eventually(() => heard.length > 0);
        expect(heard).toEqual(['committed']);
        await stop();
        await client.query(`select pg_notify($1, 'unheard')`, [channel]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(heard).toEqual(['committed']);
      } finally {
        await dispose();
      }
    });
  });
}
