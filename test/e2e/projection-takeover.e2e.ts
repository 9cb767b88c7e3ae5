import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { createTestDatabase, testMasterKeyText, testSigningKeyText, type TestDatabase } from '@crm/testing';
import { buildService, startServiceProcess, type ServiceProcess } from '../support/service-process';

const adminKey = 'takeover-admin-key-0123456789ab';

/**
 * Two service processes on one database: each projection is applied by one of them at a
 * time (its lease), and when that one dies the other takes over from the checkpoint, so
 * every event is in the read models once.
 */
describe('projections shared by two processes (PostgreSQL)', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  const services: ServiceProcess[] = [];
  beforeAll(async () => {
    buildService();
    database = await createTestDatabase();
    sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  }, 180_000);
  afterAll(async () => {
    for (const s of services) s.child.kill('SIGKILL');
    await sql.end();
    await database.drop();
  });

  const start = async () => {
    const service = await startServiceProcess({ DATABASE_URL: database.url, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText, CRM_ADMIN_KEY: adminKey, CRM_PROJECTION_LEASE_SECONDS: '1' });
    services.push(service);
    return service;
  };
  const write = async (service: ServiceProcess, path: string, body: Record<string, unknown>) => {
    const answer = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
  };
  const holders = async () => (await sql`select distinct holder from crm_projection_leases where expires_at > now()`).map((r) => r.holder as string);

  it('applies each projection in one process, and in the other once the first is killed', async () => {
    const first = await start();
    const second = await start();
    for (let i = 0; i < 20; i++) {
      const service = i % 2 === 0 ? first : second;
      await write(service, '/v1/customers', { customerId: `two-${i}`, kind: 'person', name: `Two ${i}` });
      await write(service, `/v1/customers/two-${i}/star-rating`, { stars: 1 + (i % 5) });
    }
    const before = await holders();
    expect(before).toHaveLength(1);
    const holder = before[0].split(':')[1] === String(first.child.pid) ? first : second;
    const survivor = holder === first ? second : first;
    holder.child.kill('SIGKILL');
    await holder.exited;
    for (let i = 20; i < 40; i++) {
      await write(survivor, '/v1/customers', { customerId: `two-${i}`, kind: 'person', name: `Two ${i}` });
      await write(survivor, `/v1/customers/two-${i}/star-rating`, { stars: 1 + (i % 5) });
    }
    const [{ head }] = await sql`select max(position)::int as head from crm_events`;
    for (let i = 0; ; i++) {
      const positions = await sql`select position::int as position from crm_projection_generations where status = 'active'`;
      if (positions.length > 0 && positions.every((p) => p.position === head)) break;
      if (i > 500) throw new Error(`the survivor did not take over: ${JSON.stringify(positions)} of ${head}`);
      await sleep(20);
    }
    expect((await holders()).map((h) => h.split(':')[1])).toEqual([String(survivor.child.pid)]);
    // Every event once: the history holds each stream version of each customer exactly once.
    const [counts] = await sql`select count(*)::int as entries, count(distinct (customer_id, stream_version))::int as distinct_entries from crm_read.history_entries`;
    expect(counts).toEqual({ entries: 80, distinct_entries: 80 });
    const stages = await sql`select count(distinct customer_id)::int as customers from crm_read.lifecycle_stages`;
    expect(stages[0].customers).toBe(40);
  }, 120_000);
});
