import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SQL_CLIENT } from '@crm/api';
import type { SqlClient } from '@crm/event-store';
import { startApi, type Call, type TestApi } from '../support/api';

/**
 * Every read model is built live while 8 writers append, then built again from the first
 * event: the rebuilt tables equal the live ones row by row. Business times are back-dated at
 * random, so that the live build meets facts out of business order.
 */
describe.each([
  ['PostgreSQL', false],
  ['embedded PGlite', true],
])('read models rebuilt from 0 equal those built live (%s)', (_, embedded) => {
  let api: TestApi;
  let db: SqlClient;
  const dataDir = embedded ? mkdtempSync(join(tmpdir(), 'crm-rebuild-')) : undefined;
  beforeAll(async () => {
    // Small rebuild batches: the rebuild is a catch-up of many full ones, the lifecycle's evaluation waiting for the last.
    const projectionBatchSizes = { rebuild: 40 };
    api = await startApi(dataDir ? { databaseUrl: undefined, dataDir, projectionBatchSizes } : { projectionBatchSizes });
    db = api.app.get<SqlClient>(SQL_CLIENT);
  });
  afterAll(async () => {
    await api.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const day = (n: number) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString();

  async function writer(call: Call, w: number): Promise<number> {
    let random = w * 7919 + 17;
    const next = (n: number) => (random = (random * 48271) % 2147483647) % n;
    let written = 0;
    // 200: nothing changed (the same level again); 422 where a rule may refuse (qualified twice, a referral of itself).
    const record = async (path: string, body: Record<string, unknown>, refusable = false) => {
      const answer = await call('POST', path, body);
      if (answer.status === 201) written++;
      else if (answer.status !== 200 && !(refusable && answer.status === 422)) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    };
    for (let c = 0; c < 4; c++) {
      const id = `rb-${w}-${c}`;
      await record('/v1/customers', { customerId: id, kind: 'organization', name: `Rebuilt ${w}-${c} 有限公司`, occurredAt: day(next(30)) });
      for (let i = 0; i < 12; i++) {
        const at = day(30 + next(700));
        switch (next(11)) {
          case 0:
            await record(`/v1/customers/${id}/purchases`, {
              orderId: `SO-${i}`,
              currency: 'CNY',
              lines: [{ sku: 'NB', category: ['notebooks', 'printers', 'booths'][next(3)], quantity: 1 + next(5), unitPriceMinor: 10_000 + next(900_000) }],
              occurredAt: at,
            });
            if (next(3) === 0) {
              await record(`/v1/customers/${id}/purchases/SO-${i}/refunds`, { refundId: `CN-${i}`, amountMinor: 5_000, currency: 'CNY', reason: 'Damaged', occurredAt: day(731 + next(60)) });
            }
            break;
          case 1:
            await record(`/v1/customers/${id}/interactions`, { channel: 'visit', direction: 'outbound', purpose: 'care', summary: `Visit ${i}`, occurredAt: at });
            break;
          case 2:
            await record(`/v1/customers/${id}/relationship-level`, { level: ['acquaintance', 'friend', 'confidant'][next(3)], occurredAt: at });
            break;
          case 3:
            await record(`/v1/customers/${id}/surveys`, { satisfaction: 1 + next(5), nps: next(11), occurredAt: at });
            break;
          case 4:
            await record(`/v1/customers/${id}/referrals`, { referredCustomerId: `rb-${next(8)}-${next(4)}`, occurredAt: at }, true);
            break;
          case 5:
            await record(`/v1/customers/${id}/complaints`, {
              complaintId: `cp-${i}`, category: 'delivery', severity: ['low', 'medium', 'high', 'critical'][next(4)], channel: 'call',
              description: `Late delivery ${i}`, receivedBy: `agent-${next(3)}`, occurredAt: at,
            });
            if (next(2) === 0) await record(`/v1/customers/${id}/complaints/cp-${i}/acknowledge`, { occurredAt: at });
            break;
          case 6:
            await record(`/v1/customers/${id}/profile`, {
              birthday: `19${60 + next(40)}-0${1 + next(9)}-1${next(10)}`,
              family: [{ relation: 'son', name: `Son ${i}`, birthday: '2004-02-29' }],
              occurredAt: at,
            });
            break;
          case 7:
            await record(`/v1/customers/${id}/contacts`, { contactId: `ct-${i}`, name: `Contact ${i}`, level: 'middle', role: 'user', birthday: '1980-05-0' + (1 + next(9)), occurredAt: at });
            if (next(2) === 0) await record(`/v1/customers/${id}/contacts/ct-${i}`, { birthday: null, occurredAt: at });
            if (next(3) === 0) await record(`/v1/customers/${id}/contacts/ct-${i}/removal`, { reason: 'left-company', occurredAt: at });
            // A contact's own erasure, removed or not: their birthday and name leave the care agenda and the history.
            if (next(3) === 0) await record(`/v1/customers/${id}/contacts/ct-${i}/erasure`, { basis: 'data-subject-request', occurredAt: at });
            break;
          case 8:
            await record(`/v1/customers/${id}/visits`, { plannedFor: new Date(Date.parse(at) + (1 + next(20)) * 86_400_000).toISOString(), purpose: 'care', occurredAt: at });
            break;
          case 9:
            await record(`/v1/customers/${id}/account-manager`, { managerId: `am-${next(3)}`, occurredAt: at });
            break;
          default:
            await record(`/v1/customers/${id}/qualification`, { occurredAt: at }, true);
        }
      }
      if (c === 3) await record(`/v1/customers/${id}/churn`, { reason: 'competitor', competitor: 'Other', occurredAt: day(800) });
      if (c === 1) await record(`/v1/customers/${id}/tier-override`, { tier: 'key', reason: 'government-influence', occurredAt: day(100 + next(600)) });
      if (c === 2) await record(`/v1/customers/${id}/erasure`, { basis: 'data-subject-request', occurredAt: day(810) });
    }
    return written;
  }

  const dump = async () => {
    const views = await db.query<{ table_name: string }>(`select table_name from information_schema.views where table_schema = 'crm_read' order by 1`);
    const tables: Record<string, unknown[]> = {};
    for (const { table_name } of views) tables[table_name] = await db.query(`select * from crm_read.${table_name} t order by t::text`);
    return tables;
  };

  const caughtUp = async () => {
    for (let i = 0; i < 1000; i++) {
      const status = (await api.call('GET', '/v1/projections')).body as { lagEvents: number; rebuild: unknown }[];
      if (status.every((p) => p.lagEvents === 0 && p.rebuild === null)) return;
      await sleep(20);
    }
    throw new Error('the projections did not catch up');
  };

  it('builds every read model live under 8 writers and again from 0, with the same rows', async () => {
    const call = await api.as('writer');
    const written = await Promise.all(Array.from({ length: 8 }, (_, w) => writer(call, w)));
    expect(written.reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
    await caughtUp();
    const live = await dump();
    expect(Object.keys(live).sort()).toEqual([
      'audit_entries', 'care_facts', 'care_horizon', 'care_plans', 'care_sources', 'care_unkept', 'commerce_customers', 'commerce_horizon', 'commerce_orders', 'commerce_qualifications', 'commerce_refunds',
      'commerce_tier_overrides', 'commerce_totals', 'commerce_unkept', 'complaint_erasures', 'complaint_facts', 'directory_customers', 'directory_horizon', 'directory_interactions',
      'directory_managers', 'directory_unkept',
      'history_entries', 'lifecycle_facts', 'lifecycle_stages', 'lifecycle_unstaged', 'loyalty_facts',
    ]);
    // What waits for the end of a catch-up is empty once caught up; every other table holds rows.
    const waiting = ['lifecycle_unstaged', 'care_unkept', 'commerce_unkept', 'directory_unkept'];
    for (const [table, rows] of Object.entries(live)) expect({ table, rows: waiting.includes(table) ? rows.length === 0 : rows.length > 0 }).toEqual({ table, rows: true });

    const rebuild = await api.call('POST', '/v1/projections/all/rebuild');
    expect(rebuild.status).toBe(202);
    await caughtUp();
    const generations = await db.query<{ generation: number }>(`select name, generation from crm_projection_generations where status = 'active' order by name`);
    expect(generations.map((g) => g.generation)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(await dump()).toEqual(live);
  }, 240_000);
});
