import { copyText, type SqlClient } from '../sql/sql-client';

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
    it('copies rows in COPY text format, escapes and nulls included, inside the transaction', async () => {
      const { client, dispose } = await open();
      try {
        await client.query(`create table crm_contract_copy (n integer, t text, j jsonb)`);
        const texts = ['plain', 'tab\there', 'two\nlines', 'back\\slash \\N', 'cr\rlf', '王芳 😀'];
        const rows = texts.map((t, n) => [String(n), copyText(t), copyText(JSON.stringify({ t }))].join('\t') + '\n').join('') + `${texts.length}\t${copyText(null)}\t\\N\n`;
        await expect(
          client.transaction(async (tx) => {
            await tx.copyFrom('crm_contract_copy', ['n', 't', 'j'], rows);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        expect(await client.query(`select count(*)::int as count from crm_contract_copy`)).toEqual([{ count: 0 }]);
        await client.transaction((tx) => tx.copyFrom('crm_contract_copy', ['n', 't', 'j'], rows));
        const stored = await client.query<{ t: string | null; j: { t: string } | null }>(`select t, j from crm_contract_copy order by n`);
        expect(stored).toEqual([...texts.map((t) => ({ t, j: { t } })), { t: null, j: null }]);
        await expect(client.transaction((tx) => tx.copyFrom('crm_contract_copy', ['n', 't', 'j'], 'x\ty\t{}\n'))).rejects.toThrow();
      } finally {
        await dispose();
      }
    });

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
