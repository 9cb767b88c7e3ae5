import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { startApi, type Call, type TestApi } from '../support/api';

/** Waits until the rebuild `rebuildId` (name.generation) answers. */
async function rebuilt(sql: postgres.Sql, rebuildId: string): Promise<void> {
  const [name, generation] = rebuildId.split('.');
  for (let i = 0; ; i++) {
    const [row] = await sql`select status from crm_projection_generations where name = ${name} and generation = ${Number(generation)}`;
    if (row?.status === 'active') return;
    if (i > 500) throw new Error(`the rebuild ${rebuildId} did not finish: ${row?.status}`);
    await sleep(20);
  }
}

/** The relationship history read model over HTTP, built by the service's own projection daemon. */
describe('the relationship history (PostgreSQL)', () => {
  let api: TestApi;
  let call: Call;
  beforeAll(async () => {
    api = await startApi();
    call = api.call;
    const recorded = async (method: string, path: string, fact: Record<string, unknown>) => {
      const answer = await call(method, path, fact);
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    };
    await recorded('POST', '/v1/customers', { customerId: 'hist-1', kind: 'organization', name: '深圳华强电子有限公司', occurredAt: '2024-01-10T08:00:00Z' });
    await recorded('POST', '/v1/customers/hist-1/interactions', { channel: 'call', direction: 'inbound', purpose: 'service', summary: 'Asked about delivery', occurredAt: '2024-02-01T09:00:00Z' });
    await recorded('POST', '/v1/customers/hist-1/complaints', {
      complaintId: 'cp-1', category: 'delivery', severity: 'high', channel: 'call', description: 'Forty notebooks late', receivedBy: 'agent-wu', occurredAt: '2024-02-03T10:00:00Z',
    });
    // Back-dated: recorded last, it happened before the complaint.
    await recorded('POST', '/v1/customers/hist-1/purchases', {
      orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'NB-1', category: 'notebooks', quantity: 2, unitPriceMinor: 599_900 }], occurredAt: '2024-02-02T12:00:00Z',
    });
    await recorded('POST', '/v1/customers/hist-1/complaints/cp-1/acknowledge', { occurredAt: '2024-02-03T11:00:00Z' });
    await recorded('POST', '/v1/customers/hist-1/complaints/cp-1/resolve', { resolution: 'Re-delivered', occurredAt: '2024-02-04T10:00:00Z' });
  });
  afterAll(() => api.close());

  const history = (query = '') => call('GET', `/v1/customers/hist-1/history${query}`);

  it('answers one entry per event in business-time order, each with its summary in both languages', async () => {
    const page = await history();
    expect(page.status).toBe(200);
    expect(page.body.entries.map((e: { type: string }) => e.type)).toEqual([
      'CustomerRegistered', 'InteractionRecorded', 'PurchaseRecorded', 'ComplaintFiled', 'ComplaintAcknowledged', 'ComplaintResolved',
    ]);
    const purchase = page.body.entries[2];
    expect(purchase).toMatchObject({ streamVersion: 3, category: 'commerce', orderId: 'SO-1', occurredAt: '2024-02-02T12:00:00.000Z', actor: 'admin' });
    expect(purchase.summary.en).toContain('SO-1');
    expect(purchase.summary.zh).toContain('SO-1');
    expect(page.body.next).toBeNull();
    expect(Date.parse(page.body.asOf)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('filters by type, category, complaint, business time, asOf and knownAt', async () => {
    const types = (r: { body: { entries: { type: string }[] } }) => r.body.entries.map((e) => e.type);
    expect(types(await history('?types=ComplaintFiled,PurchaseRecorded'))).toEqual(['PurchaseRecorded', 'ComplaintFiled']);
    expect(types(await history('?category=complaints'))).toEqual(['ComplaintFiled', 'ComplaintAcknowledged', 'ComplaintResolved']);
    expect(types(await history('?complaintId=cp-1&order=desc'))).toEqual(['ComplaintResolved', 'ComplaintAcknowledged', 'ComplaintFiled']);
    expect(types(await history('?from=2024-02-01T09:00:00Z&to=2024-02-02T12:00:00Z'))).toEqual(['InteractionRecorded', 'PurchaseRecorded']);
    const past = await history('?asOf=2024-02-02T20:00:00%2B08:00');
    expect(past.body.asOf).toBe('2024-02-02T12:00:00.000Z');
    expect(types(past)).toEqual(['CustomerRegistered', 'InteractionRecorded', 'PurchaseRecorded']);
    const all = (await history()).body.entries as { type: string; recordedAt: string }[];
    const beforeThePurchaseWasRecorded = all.find((e) => e.type === 'ComplaintFiled')!.recordedAt;
    expect(types(await history(`?knownAt=${encodeURIComponent(beforeThePurchaseWasRecorded)}`))).toEqual(['CustomerRegistered', 'InteractionRecorded', 'ComplaintFiled']);
  });

  it('pages with a cursor, forwards and backwards', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { body: { entries: { type: string }[]; next: string | null } } = await history(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.entries.map((e) => e.type));
      cursor = page.body.next;
    }
    expect(seen).toEqual(['CustomerRegistered', 'InteractionRecorded', 'PurchaseRecorded', 'ComplaintFiled', 'ComplaintAcknowledged', 'ComplaintResolved']);
    const newest = await history('?order=desc&limit=3');
    const rest = await history(`?order=desc&limit=3&cursor=${newest.body.next}`);
    expect([...newest.body.entries, ...rest.body.entries].map((e: { type: string }) => e.type)).toEqual([...seen].reverse());
  });

  it('refuses bad parameters with the parameter named, an unknown customer with 404', async () => {
    for (const [query, path] of [
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['?asOf=2024-02-02', 'asOf'],
      ['?category=gossip', 'category'],
      ['?types=Not%20A%20Type', 'types'],
      ['?verbose=1', 'verbose'],
    ]) {
      const refused = await history(query);
      expect({ query, status: refused.status, type: refused.headers.get('content-type') }).toEqual({ query, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await call('GET', '/v1/customers/nobody/history')).status).toBe(404);
  });

  it('sees a write at once, and shows the projection in /v1/projections', async () => {
    await call('POST', '/v1/customers/hist-1/star-rating', { stars: 4 });
    const page = await history('?types=StarRated');
    expect(page.body.entries).toHaveLength(1);
    const status = await call('GET', '/v1/projections');
    expect(status.status).toBe(200);
    const own = status.body.find((p: { name: string }) => p.name === 'relationship_history');
    expect(own).toMatchObject({ version: 2, status: 'live', error: null, rebuild: null });
    expect(own.position).toBeGreaterThan(0);
  });

  it('rebuilds on request into tables that equal the live ones, then switches', async () => {
    const sql = postgres(api.databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      const dump = () => sql`select * from crm_read.history_entries order by position`;
      const live = await dump();
      const accepted = await call('POST', '/v1/projections/relationship_history/rebuild');
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({ name: 'relationship_history', rebuildId: expect.stringMatching(/^relationship_history\.\d+$/) });
      const writer = await api.as('writer');
      expect((await writer('POST', '/v1/projections/relationship_history/rebuild')).status).toBe(403);
      expect((await call('POST', '/v1/projections/nothing/rebuild')).status).toBe(404);
      await rebuilt(sql, accepted.body.rebuildId);
      expect(await dump()).toEqual(live);
    } finally {
      await sql.end();
    }
  });

  it('keeps no personal value of an erased customer, and answers 410', async () => {
    await call('POST', '/v1/customers/hist-1/erasure', { basis: 'data-subject-request' });
    expect((await history()).status).toBe(410);
    const sql = postgres(api.databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      for (let i = 0; ; i++) {
        const [row] = await sql`select count(*)::int as n from crm_read.history_entries where customer_id = 'hist-1' and type = 'CustomerErased'`;
        if (row.n === 1) break;
        if (i > 500) throw new Error('the erasure was not projected');
        await sleep(20);
      }
      const tables = await sql`select table_name from information_schema.tables where table_schema = 'crm_read' and table_type = 'BASE TABLE'`;
      for (const { table_name } of tables) {
        const text = JSON.stringify(await sql.unsafe(`select * from crm_read.${table_name}`));
        for (const personal of ['深圳华强电子有限公司', 'Asked about delivery', 'Forty notebooks late', 'Re-delivered']) expect({ table_name, found: text.includes(personal) }).toEqual({ table_name, found: false });
      }
      // Built again after the erasure, from events whose personal fields now read as null: the same rows.
      const live = await sql`select * from crm_read.history_entries order by position`;
      await rebuilt(sql, (await call('POST', '/v1/projections/relationship_history/rebuild')).body.rebuildId);
      expect(await sql`select * from crm_read.history_entries order by position`).toEqual(live);
    } finally {
      await sql.end();
    }
  });
});
