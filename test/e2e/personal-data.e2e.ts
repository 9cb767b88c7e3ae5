import { createApp, EVENT_STORE, SQL_CLIENT } from '@crm/api';
import { CustomerViews } from '@crm/application';
import type { EventStore, RecordedEvent, SqlClient } from '@crm/event-store';
import { testMasterKey, testSigningKey } from '@crm/testing';
import { startApi, type TestApi } from '../support/api';

/** What names or describes the people of one customer, as recorded below. */
const personal = ['王芳', '1980-05-01', 'calligraphy', '王小明', '13900001111', '李娜', '13800002222', 'li.na@example.cn', '1983-11-03', 'her son', 'rude to her'];

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('personal data: sealed at rest, shredded by erasure (PostgreSQL)', () => {
  let api: TestApi;
  let sql: SqlClient;
  let store: EventStore;

  beforeAll(async () => {
    api = await startApi();
    sql = api.app.get(SQL_CLIENT);
    store = api.app.get(EVENT_STORE);
  });
  afterAll(async () => {
    await api?.close();
  });

  async function recordPerson(customerId: string): Promise<void> {
    const facts: [string, unknown][] = [
      ['/v1/customers', { customerId, kind: 'person', name: '王芳', region: 'Zhejiang' }],
      [`/v1/customers/${customerId}/profile`, { birthday: '1980-05-01', hobbies: ['calligraphy'], family: [{ relation: 'son', name: '王小明' }], contactDetails: { mobile: '13900001111' } }],
      [`/v1/customers/${customerId}/contacts`, { contactId: 'ct-1', name: '李娜', level: 'staff', role: 'user', phone: '13800002222', email: 'li.na@example.cn', birthday: '1983-11-03' }],
      [`/v1/customers/${customerId}/interactions`, { channel: 'call', direction: 'inbound', purpose: 'care', summary: 'Talked about her son and his exams' }],
      [`/v1/customers/${customerId}/complaints`, { complaintId: 'cp-1', category: 'service', severity: 'low', channel: 'call', description: 'The courier was rude to her', receivedBy: 'agent-wu' }],
      [`/v1/customers/${customerId}/purchases`, { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'NB-1', category: 'notebooks', quantity: 1, unitPriceMinor: 499900 }] }],
    ];
    for (const [path, body] of facts) {
      const response = await api.call('POST', path, body);
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${response.text}`);
    }
  }

  const storedText = async (customerId: string) =>
    (await sql.query<{ text: string }>(`select data::text || ' ' || metadata::text as text from crm_events where stream_id = $1`, [`customer-${customerId}`]))
      .map((row) => row.text)
      .join('\n');

  it('keeps every personal field sealed in the database while the service shows it', async () => {
    await recordPerson('pd-1');
    const view = await api.call('GET', '/v1/customers/pd-1');
    expect(view.body).toMatchObject({ name: '王芳', profileCard: { birthday: '1980-05-01' }, contacts: [{ name: '李娜', email: 'li.na@example.cn', birthday: '1983-11-03' }] });
    const stored = await storedText('pd-1');
    for (const text of personal) expect(stored).not.toContain(text);
    expect(stored).toContain('Zhejiang');
    expect(stored).toContain('NB-1');
    expect((await collect(store.readStream('customer-pd-1')))[0].data).toMatchObject({ name: '王芳' });
  });

  it('erases it for good: events read with null fields named in metadata.erased, 410, no kept answers, chain intact', async () => {
    await recordPerson('pd-2');
    const retried = { 'idempotency-key': 'profile-once' };
    expect((await api.call('POST', '/v1/customers/pd-2/profile', { hobbies: ['tea'] }, retried)).status).toBe(201);
    const kept = () => sql.query(`select 1 from crm_idempotency_keys where stream_id = 'customer-pd-2'`);
    expect(await kept()).toHaveLength(1);
    // A request still running on the stream (its claim, no answer yet) would store what it read before the erasure.
    await sql.query(`insert into crm_idempotency_keys (api_key_id, idempotency_key, request_hash, stream_id) values (gen_random_uuid(), 'running', 'h', 'customer-pd-2')`);
    expect(await kept()).toHaveLength(2);

    expect((await api.call('POST', '/v1/customers/pd-2/erasure', { basis: 'data-subject-request' })).status).toBe(201);

    expect((await api.call('GET', '/v1/customers/pd-2')).status).toBe(410);
    const events = await collect(store.readStream('customer-pd-2'));
    const text = JSON.stringify(events);
    for (const value of [...personal, 'tea']) expect(text).not.toContain(value);
    expect(events[0]).toMatchObject({ type: 'CustomerRegistered', data: { name: null, region: 'Zhejiang' }, metadata: { erased: ['name'] } });
    expect(events[1].metadata.erased).toEqual(expect.arrayContaining(['birthday', 'hobbies', 'family', 'contactDetails']));
    expect(events[2].data).toMatchObject({ contactId: 'ct-1', name: null, phone: null, email: null });
    expect(events.find((e) => e.type === 'PurchaseRecorded')?.metadata.erased).toBeUndefined();
    expect(await kept()).toHaveLength(0);
    expect(await store.verify({ streamId: 'customer-pd-2' })).toMatchObject({ ok: true, checked: events.length });
    // A retry of the kept request no longer finds its answer: the customer is gone.
    expect((await api.call('POST', '/v1/customers/pd-2/profile', { hobbies: ['tea'] }, retried)).status).toBe(410);
  });

  it('makes another service on the database drop what it keeps in memory of the erased customer', async () => {
    await recordPerson('pd-3');
    const other = await createApp({ port: 0, databaseUrl: api.databaseUrl, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey }, ['error']);
    try {
      const views = other.get(CustomerViews);
      expect((await views.load('pd-3', true)).state).toMatchObject({ name: '王芳' });
      expect((await api.call('POST', '/v1/customers/pd-3/erasure', { basis: 'retention-period-ended' })).status).toBe(201);
      // Without a fresh read, a kept view would still be answered: it must have been dropped.
      let state: unknown;
      for (let tries = 0; tries < 100; tries++) {
        state = (await views.load('pd-3', false)).state;
        if ((state as { status?: string }).status === 'erased') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(state).toMatchObject({ status: 'erased', name: null, profileCard: null, contacts: [] });
    } finally {
      await other.close();
    }
  });
});
