import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp, SQL_CLIENT } from '@crm/api';
import { CustomerViews } from '@crm/application';
import type { SqlClient } from '@crm/event-store';
import { testMasterKey, testMasterKeyText, testSigningKey, testSigningKeyText } from '@crm/testing';
import { registered, startApi, type Call, type TestApi } from '../support/api';
import { runCli } from '../support/cli-process';
import { buildService } from '../support/service-process';

/** 李娜, who asks to be erased: everything that names or describes her. */
const li = { contactId: 'ct-li', name: '李娜', title: '采购总监', level: 'executive', role: 'decision-maker', phone: '13800002222', email: 'li.na@example.cn', birthday: '1983-02-25' };
const liNewPhone = '13800004444';
const liValues = [li.name, li.title, li.phone, liNewPhone, li.email, li.birthday];
/** 赵强, her colleague, who stays. */
const zhao = { contactId: 'ct-zhao', name: '赵强', title: 'IT 主管', level: 'middle', role: 'technical', reportsTo: 'ct-li', phone: '13900003333', email: 'zhao.qiang@example.cn', birthday: '1990-02-27' };

const erasedAt = '2024-01-15T00:00:00.000Z';
const T = '2024-02-20T00:00:00.000Z';

/**
 * A contact person's own erasure request (GDPR, PIPL) over HTTP on PostgreSQL: her personal fields
 * read as erased in every answer (the view, the history, the 360, the care agenda, the auditors'
 * events and state, an export), her colleague's stay, the customer stays writable, no read model
 * table and no export holds her values, and the stream still verifies: nothing stored was rewritten.
 */
describe("a contact person's own erasure (PostgreSQL)", () => {
  let api: TestApi;
  let auditor: Call;
  let db: SqlClient;
  let folder: string;
  const customer = '/v1/customers/ce-1';
  const post = async (path: string, body: Record<string, unknown>, headers?: Record<string, string>) => {
    const answer = await api.call('POST', path, body, headers);
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    return answer;
  };

  beforeAll(async () => {
    buildService();
    api = await startApi({ checkpointSeconds: 0 });
    auditor = await api.as('auditor');
    db = api.app.get<SqlClient>(SQL_CLIENT);
    folder = mkdtempSync(join(tmpdir(), 'crm-contact-erasure-'));
    await registered(api.call, 'ce-1', { name: '颐高数码 文三路店', occurredAt: '2023-01-02T00:00:00Z' });
    await post(`${customer}/contacts`, { ...li, occurredAt: '2023-01-03T00:00:00Z' }, { 'idempotency-key': 'add-li' });
    await post(`${customer}/contacts`, { ...zhao, occurredAt: '2023-01-03T00:00:00Z' });
    await post(`${customer}/contacts/ct-li`, { phone: liNewPhone, occurredAt: '2023-06-01T00:00:00Z' });
    await post(`${customer}/interactions`, { channel: 'visit', direction: 'outbound', purpose: 'sales', summary: 'Spring order talked through', contactId: 'ct-li', occurredAt: '2023-07-01T00:00:00Z' });
    await post(`${customer}/purchases`, { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'NB-1', category: 'notebooks', quantity: 2, unitPriceMinor: 450_000 }], occurredAt: '2023-08-01T00:00:00Z' }, { 'idempotency-key': 'so-1' });
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const caughtUp = async () => {
    for (let i = 0; i < 500; i++) {
      const status = (await api.call('GET', '/v1/projections')).body as { lagEvents: number }[];
      if (status.every((p) => p.lagEvents === 0)) return;
      await sleep(20);
    }
    throw new Error('the projections did not catch up');
  };

  it('records the erasure: 201 with ContactErased and its basis, nothing personal in it; a second one changes nothing', async () => {
    const before = (await api.call('GET', `/v1/customers/ce-1/history?contactId=ct-li`)).body.entries;
    expect(before.map((e: { summary: { en: string } }) => e.summary.en).join('\n')).toContain(li.name);
    const kept = () => db.query<{ idempotency_key: string }>(`select idempotency_key from crm_idempotency_keys where stream_id = 'customer-ce-1' order by 1`);
    expect((await kept()).map((row) => row.idempotency_key)).toEqual(['add-li', 'so-1']);
    // A request still running on the stream (its claim, no answer yet) would store what it read before the erasure.
    await db.query(`insert into crm_idempotency_keys (api_key_id, idempotency_key, request_hash, stream_id) values (gen_random_uuid(), 'running', 'h', 'customer-ce-1')`);

    const erased = await api.call('POST', `${customer}/contacts/ct-li/erasure`, { basis: 'data-subject-request', occurredAt: erasedAt });
    expect(erased.status).toBe(201);
    expect(erased.body.events).toMatchObject([{ type: 'ContactErased', data: { contactId: 'ct-li', basis: 'data-subject-request' } }]);
    // The kept answer that held her data went with the erasure, in its transaction, and the running claim; the purchase's stays.
    expect((await kept()).map((row) => row.idempotency_key)).toEqual(['so-1']);

    const again = await api.call('POST', `${customer}/contacts/ct-li/erasure`, { basis: 'legal-obligation' });
    expect(again).toMatchObject({ status: 200, body: { events: [] } });
  });

  it('shows her in the view without personal data, and when and why she was erased; her colleague and the customer as they were', async () => {
    const view = await api.call('GET', '/v1/customers/ce-1');
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'active', name: '颐高数码 文三路店' });
    expect(view.body.contacts).toEqual([
      {
        contactId: 'ct-li', name: null, title: null, level: 'executive', role: 'decision-maker', reportsTo: null, internalChampion: false,
        phone: null, email: null, birthday: null, relationshipLevel: 'stranger', addedAt: '2023-01-03T00:00:00.000Z', removed: null,
        erased: { basis: 'data-subject-request', at: erasedAt },
      },
      {
        contactId: 'ct-zhao', name: zhao.name, title: zhao.title, level: 'middle', role: 'technical', reportsTo: 'ct-li', internalChampion: false,
        phone: zhao.phone, email: zhao.email, birthday: zhao.birthday, relationshipLevel: 'stranger', addedAt: '2023-01-03T00:00:00.000Z', removed: null, erased: null,
      },
    ]);
  });

  it('leaves the customer writable, and her no command nor fact of her own', async () => {
    await post(`${customer}/purchases`, { orderId: 'SO-2', currency: 'CNY', lines: [{ sku: 'NB-2', category: 'notebooks', quantity: 1, unitPriceMinor: 300_000 }] });
    await post(`${customer}/contacts/ct-zhao`, { title: 'IT 经理' });
    await post(`${customer}/contacts/ct-zhao`, { title: zhao.title });
    expect((await api.call('POST', `${customer}/contacts/ct-li`, { title: 'CEO' })).body).toMatchObject({ status: 410, code: 'contact-erased', entity: 'contact', id: 'ct-li' });
    expect((await api.call('POST', `${customer}/interactions`, { channel: 'call', direction: 'outbound', purpose: 'care', summary: 'Hi', contactId: 'ct-li' })).body).toMatchObject({
      status: 422,
      rule: 'contact.erased',
    });
    expect((await api.call('POST', `${customer}/contacts/ghost/erasure`, { basis: 'data-subject-request' })).body).toMatchObject({ status: 404, entity: 'contact', id: 'ghost' });
  });

  it('reads as erased in the history: her entries keep their place, her values read [erased]', async () => {
    const hers = (await api.call('GET', '/v1/customers/ce-1/history?contactId=ct-li')).body.entries as { type: string; summary: { en: string; zh: string } }[];
    expect(hers.map((e) => e.type)).toEqual(['ContactAdded', 'ContactUpdated', 'InteractionRecorded', 'ContactErased']);
    expect(hers[0].summary.en).toBe('Contact ct-li added (executive, decision-maker): [erased], [erased]');
    expect(hers[1].summary.en).toBe('Contact ct-li updated: phone [erased]');
    expect(hers[3].summary).toEqual({ en: "Contact ct-li's personal data erased (data subject request)", zh: '联系人 ct-li 的个人数据已删除（本人请求）' });
    const text = JSON.stringify((await api.call('GET', '/v1/customers/ce-1/history?limit=500')).body);
    for (const value of liValues) expect(text).not.toContain(value);
    expect(text).toContain(zhao.name);
  });

  it('shows her in the 360 org chart without personal data, her colleague under her', async () => {
    const body = (await api.call('GET', `/v1/customers/ce-1/360?asOf=${T}`)).body;
    expect(body.orgChart).toEqual([
      {
        contactId: 'ct-li', name: null, title: null, level: 'executive', role: 'decision-maker', internalChampion: false, relationshipLevel: 'stranger',
        reports: [{ contactId: 'ct-zhao', name: zhao.name, title: zhao.title, level: 'middle', role: 'technical', internalChampion: false, relationshipLevel: 'stranger', reports: [] }],
      },
    ]);
    expect(body.care.dates.map((d: { label: string }) => d.label)).toEqual([zhao.name]);
    for (const value of liValues) expect(JSON.stringify(body)).not.toContain(value);
  });

  it("drops her birthday from the care agenda, and keeps her colleague's", async () => {
    const dates = (await api.call('GET', `/v1/care-agenda?asOf=${T}&days=30`)).body.dates;
    expect(dates).toEqual([{ customerId: 'ce-1', kind: 'contact-birthday', label: zhao.name, date: '2024-02-27', daysUntil: 7, years: 34 }]);
  });

  it("gives auditors her fields as null, named in metadata.erased, in the raw stream and in the state, even as of before the erasure", async () => {
    const events = (await auditor('GET', '/v1/customers/ce-1/events')).body.events as { type: string; data: Record<string, unknown>; metadata: { erased?: string[] } }[];
    const added = events.filter((e) => e.type === 'ContactAdded');
    expect(added[0]).toMatchObject({ data: { contactId: 'ct-li', name: null, title: null, phone: null, email: null, birthday: null, level: 'executive' }, metadata: { erased: ['name', 'title', 'phone', 'email', 'birthday'] } });
    expect(added[1]).toMatchObject({ data: { ...zhao } });
    expect(added[1].metadata.erased).toBeUndefined();
    expect(events.find((e) => e.type === 'ContactUpdated' && e.data.contactId === 'ct-li')).toMatchObject({ data: { phone: null }, metadata: { erased: ['phone'] } });
    expect(events.find((e) => e.type === 'InteractionRecorded')).toMatchObject({ data: { summary: 'Spring order talked through' } });
    for (const value of liValues) expect(JSON.stringify(events)).not.toContain(value);

    for (const asOf of [T, '2023-06-02T00:00:00Z']) {
      const state = (await auditor('GET', `/v1/customers/ce-1/state?asOf=${asOf}`)).body;
      expect(state.state.contacts[0]).toMatchObject({ contactId: 'ct-li', name: null, phone: null, email: null, birthday: null });
      expect(state.state.contacts[1]).toMatchObject({ contactId: 'ct-zhao', name: zhao.name });
      for (const value of liValues) expect(JSON.stringify(state)).not.toContain(value);
    }
  });

  it('keeps none of her values in any read model table, nor sealed in the events; the stream still verifies', async () => {
    await caughtUp();
    const tables = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'crm_read' and table_type = 'BASE TABLE' order by 1`);
    let everything = '';
    for (const { table_name } of tables) {
      const text = JSON.stringify(await db.query(`select * from crm_read.${table_name}`));
      for (const value of liValues) expect({ table_name, value, found: text.includes(value) }).toEqual({ table_name, value, found: false });
      everything += text;
    }
    expect(everything).toContain(zhao.name);
    const stored = JSON.stringify(await db.query(`select data, metadata from crm_events where stream_id = 'customer-ce-1'`));
    for (const value of [...liValues, zhao.name]) expect(stored).not.toContain(value);
    const keys = await db.query(`select replace(stream_id, chr(31), '/') as name, wrapped_key is not null as live from crm_stream_keys where stream_id like 'customer-ce-1%' order by 1`);
    expect(keys).toEqual([
      { name: 'customer-ce-1', live: true },
      { name: 'customer-ce-1/contact:ct-li', live: false },
      { name: 'customer-ce-1/contact:ct-zhao', live: true },
    ]);
    expect((await auditor('GET', '/v1/customers/ce-1/verify')).body).toMatchObject({ ok: true, broken: [] });
  });

  it('exports her fields as null with crm export, her colleague as recorded; the file holds none of her values and verifies offline', async () => {
    expect(await api.call('POST', '/v1/checkpoints')).toMatchObject({ status: 200, body: { created: true } });
    const env = { DATABASE_URL: api.databaseUrl, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText };
    const publicKeyFile = join(folder, 'key.pem');
    writeFileSync(publicKeyFile, (await api.call('GET', '/v1/checkpoints/public-key')).body.publicKey);
    for (const args of [[], ['--customer', 'ce-1']]) {
      const file = join(folder, `export${args.length}.ndjson`);
      expect(await runCli(['export', '--out', file, ...args], env)).toMatchObject({ code: 0, stdout: '' });
      const text = readFileSync(file, 'utf8');
      for (const value of liValues) expect({ args, value, found: text.includes(value) }).toEqual({ args, value, found: false });
      const events = text.trimEnd().split('\n').map((line) => JSON.parse(line)).filter((line) => 'event' in line).map((line) => line.event);
      const added = events.filter((e) => e.type === 'ContactAdded');
      expect(added.map((e) => e.data.name)).toEqual([null, zhao.name]);
      expect(added[0].metadata.erased).toEqual(['name', 'title', 'phone', 'email', 'birthday']);
      const verified = await runCli(['verify', '--file', file, '--public-key', publicKeyFile], {});
      expect({ code: verified.code, stdout: verified.stdout }).toMatchObject({ code: 0, stdout: expect.stringContaining('0 findings') });
    }
  });

  it('makes another service on the database drop what it keeps in memory of her', async () => {
    await registered(api.call, 'ce-2');
    await post('/v1/customers/ce-2/contacts', li);
    const other = await createApp({ port: 0, databaseUrl: api.databaseUrl, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey }, ['error']);
    try {
      const views = other.get(CustomerViews);
      expect((await views.load('ce-2', true)).state).toMatchObject({ contacts: [{ name: li.name }] });
      await post('/v1/customers/ce-2/contacts/ct-li/erasure', { basis: 'data-subject-request' });
      // Without a fresh read, a kept view would still be answered: it must have been dropped.
      let contacts = (await views.load('ce-2', false)).state?.contacts ?? [];
      for (let tries = 0; tries < 100 && contacts[0]?.name !== null; tries++) {
        await sleep(20);
        contacts = (await views.load('ce-2', false)).state?.contacts ?? [];
      }
      expect(contacts).toMatchObject([{ contactId: 'ct-li', name: null, phone: null, erased: { basis: 'data-subject-request' } }]);
    } finally {
      await other.close();
    }
  });
});
