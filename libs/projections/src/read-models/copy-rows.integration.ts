import type { SqlClient } from '@crm/event-store';
import { copyRows } from './copy-rows';
import { testClients, type OpenedClient } from '../testing/test-clients';

interface Row {
  position: number;
  note: string | null;
  at: string;
  flag: boolean;
  data: object;
}

const columns = ['position', 'note', 'at', 'flag', 'data'] as const;

function suite(name: string, open: () => Promise<OpenedClient>) {
  describe(`rows copied into a read model's table (${name})`, () => {
    let client: SqlClient;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ client, dispose } = await open());
      await client.query(`create table copy_rows_t (position bigint primary key, note text, at timestamptz not null, flag boolean not null, data jsonb not null)`);
    });
    afterAll(() => dispose());

    it('arrive as written: text with tabs, newlines and backslashes, null, booleans, times and JSON', async () => {
      const rows: Row[] = [
        { position: 1, note: 'tab\there\nnew line \\ and a \r return', at: '2024-02-29T23:59:59.999Z', flag: true, data: { name: '王芳', nested: { a: [1, 'x\ty'] } } },
        { position: 2, note: null, at: '2024-03-01T00:00:00.000Z', flag: false, data: {} },
      ];
      await client.transaction((tx) => copyRows(tx, 'copy_rows_t', columns, rows));
      const stored = await client.query<{ position: string; note: string | null; at: string; flag: boolean; data: object }>(
        `select position::text, note, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, flag, data from copy_rows_t order by position`,
      );
      expect(stored).toEqual(rows.map((r) => ({ ...r, position: String(r.position) })));
    });

    it('arrive as written when they are many, by COPY', async () => {
      const rows: Row[] = Array.from({ length: 600 }, (_, i) => ({
        position: 1000 + i,
        note: i % 3 === 0 ? null : `row\t${i}\n\\ ${'王'.repeat(i % 4)}`,
        at: new Date(Date.UTC(2024, 1, 29) + i).toISOString(),
        flag: i % 2 === 0,
        data: { i, text: `a\tb ${i}` },
      }));
      await client.transaction((tx) => copyRows(tx, 'copy_rows_t', columns, rows));
      const stored = await client.query<{ position: string; note: string | null; at: string; flag: boolean; data: object }>(
        `select position::text, note, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, flag, data from copy_rows_t where position >= 1000 order by position`,
      );
      expect(stored).toEqual(rows.map((r) => ({ ...r, position: String(r.position) })));
    });

    it('fail the batch on a key another row has, leaving nothing of it written', async () => {
      const rows: Row[] = [
        { position: 3, note: 'new', at: '2024-03-02T00:00:00.000Z', flag: true, data: {} },
        { position: 1, note: 'again', at: '2024-03-02T00:00:00.000Z', flag: true, data: {} },
      ];
      await expect(client.transaction((tx) => copyRows(tx, 'copy_rows_t', columns, rows))).rejects.toThrow();
      expect(await client.query(`select position::int from copy_rows_t where position < 1000 order by position`)).toEqual([{ position: 1 }, { position: 2 }]);
    });
  });
}

for (const [name, open] of testClients) suite(name, open);
