import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { createPGliteClient, createPostgresEventStore, masterKeyId } from '@crm/event-store';
import { readModels } from '@crm/projections';
import { createTestDatabase, testMasterKeyText, testSigningKeyText, type TestDatabase } from '@crm/testing';
import { runCli, startCli } from '../support/cli-process';
import { buildService, startServiceProcess, type ServiceProcess } from '../support/service-process';

const adminKey = 'cli-admin-key-0123456789abcdef';
const names = readModels.map((p) => p.name);

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Every read model's rows, by view, in a fixed order. */
async function dump(query: Query): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const { table_name } of await query(`select table_name from information_schema.views where table_schema = 'crm_read' order by 1`)) {
    tables[String(table_name)] = await query(`select * from crm_read.${String(table_name)} t order by t::text`);
  }
  return tables;
}

const activeGenerations = async (query: Query) =>
  (await query(`select generation from crm_projection_generations where status = 'active' order by name`)).map((r) => Number(r.generation));

async function call(service: ServiceProcess, method: string, path: string, body?: unknown): Promise<any> {
  const answer = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

/** A few customers with facts of several kinds, so that every read model has rows. */
async function writeCustomers(service: ServiceProcess, prefix: string): Promise<void> {
  for (let i = 0; i < 4; i++) {
    const id = `${prefix}-${i}`;
    await call(service, 'POST', '/v1/customers', { customerId: id, kind: 'organization', name: `CLI ${prefix} ${i} 有限公司` });
    await call(service, 'POST', `/v1/customers/${id}/star-rating`, { stars: 1 + i });
    await call(service, 'POST', `/v1/customers/${id}/interactions`, { channel: 'visit', direction: 'outbound', purpose: 'care', summary: `Visit ${i}` });
    await call(service, 'POST', `/v1/customers/${id}/purchases`, {
      orderId: `SO-${i}`,
      currency: 'CNY',
      lines: [{ sku: 'BOOTH', category: 'booths', quantity: 1 + i, unitPriceMinor: 100_000 }],
    });
    await call(service, 'POST', `/v1/customers/${id}/surveys`, { satisfaction: 1 + i, nps: 2 * i });
  }
}

async function caughtUp(service: ServiceProcess): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const status = (await call(service, 'GET', '/v1/projections')) as { lagEvents: number; rebuild: unknown }[];
    if (status.every((p) => p.lagEvents === 0 && p.rebuild === null)) return;
    await sleep(20);
  }
  throw new Error('the projections did not catch up');
}

/** The service stops on SIGTERM (and ends by the signal, as graceful-shutdown.e2e expects). */
const stopped = async (service: ServiceProcess) => {
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe('SIGTERM');
};

/** What a finished `crm rebuild all` printed: a bar per projection, done, and the closing line. */
function expectRebuilt(stdout: string): void {
  for (const name of names) expect(stdout).toMatch(new RegExp(`^${name} +\\[#{30}\\] (\\d+)/\\1 100\\.0% \\d+ events/s, done in `, 'm'));
  expect(stdout).toContain('the new tables answer now');
}

beforeAll(() => buildService(), 180_000);

describe('crm usage', () => {
  it('answers usage errors with the usage and exit 2, an unknown projection with the known names', async () => {
    const help = await runCli(['--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: crm <command>[\s\S]*project[\s\S]*rebuild <name\|all>/) });
    for (const [args, message] of [
      [[], 'crm: no command given'],
      [['frobnicate'], 'crm: unknown command "frobnicate"'],
      [['rebuild'], 'crm rebuild: missing <name|all>'],
      [['rebuild', 'all', 'more'], 'crm rebuild: unexpected argument "more"'],
    ] as const) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('Usage: crm');
    }
    const unknown = await runCli(['rebuild', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`there is no projection "nope"; the projections are ${names.join(', ')} (or all`);
  });
});

describe('crm on PostgreSQL', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  let env: Record<string, string>;
  const services: ServiceProcess[] = [];
  const query: Query = (text) => sql.unsafe(text);
  // A database per test: no process of one holds the other's leases.
  beforeEach(async () => {
    database = await createTestDatabase();
    sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    env = { DATABASE_URL: database.url, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText };
  });
  afterEach(async () => {
    for (const s of services.splice(0)) s.child.kill('SIGKILL');
    await sql.end();
    await database.drop();
  });
  const start = async (extra: Record<string, string> = {}) => {
    // Leases of 3 s: a service looks for new work (a rebuild asked by another process) every second.
    const service = await startServiceProcess({ ...env, CRM_ADMIN_KEY: adminKey, CRM_PROJECTION_LEASE_SECONDS: '3', ...extra });
    services.push(service);
    return service;
  };

  it('rebuild all: the service that holds the leases builds while the CLI watches; with no service the CLI builds; the tables stay the same', async () => {
    const service = await start();
    await writeCustomers(service, 'pg');
    await caughtUp(service);
    const live = await dump(query);
    for (const table of ['history_entries', 'lifecycle_stages', 'commerce_orders', 'loyalty_facts']) expect(live[table].length).toBeGreaterThan(0);

    const watched = await runCli(['rebuild', 'all'], env);
    expect(watched.stderr).toBe('');
    expect(watched.code).toBe(0);
    expect(watched.stdout).toContain(`Built by ${hostname()}:${service.child.pid}:`);
    expect(watched.stdout).toContain('(another process; this one watches)');
    expectRebuilt(watched.stdout);
    expect(await activeGenerations(query)).toEqual(names.map(() => 2));
    expect(await dump(query)).toEqual(live);

    await stopped(service);
    const alone = await runCli(['rebuild', 'all'], env);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain(`Built by this process: ${names.join(', ')}`);
    expectRebuilt(alone.stdout);
    expect(await activeGenerations(query)).toEqual(names.map(() => 3));
    expect(await dump(query)).toEqual(live);
  }, 60_000);

  it('project: applies the read models for a service with CRM_PROJECTIONS=off, and stops on SIGTERM with exit 0', async () => {
    const service = await start({ CRM_PROJECTIONS: 'off' });
    const projector = startCli(['project'], env);
    try {
      for (let i = 0; !names.every((name) => projector.stdout().includes(`${name}: applied by this process`)); i++) {
        if (i > 200) throw new Error(`crm project did not take the projections:\n${projector.stdout()}${projector.stderr()}`);
        await sleep(50);
      }
      await call(service, 'POST', '/v1/customers', { customerId: 'projected-1', kind: 'person', name: 'Projected One' });
      await call(service, 'POST', '/v1/customers/projected-1/star-rating', { stars: 5 });
      // The read waits for the projection, which only the CLI process applies.
      const history = await call(service, 'GET', '/v1/customers/projected-1/history');
      expect(history.entries.map((e: { type: string }) => e.type)).toEqual(['CustomerRegistered', 'StarRated']);
    } finally {
      projector.child.kill('SIGTERM');
    }
    expect(await projector.exited).toBe(0);
    expect(projector.stdout()).toMatch(/SIGTERM: stopping[\s\S]*stopped\n$/);
    expect(projector.stderr()).toBe('');
    expect(await query(`select * from crm_projection_leases where holder like '%:${projector.child.pid}:%'`)).toEqual([]);
  }, 60_000);

  it('rotate-keys: rewraps every key under the new master key, with progress; the service then starts with it alone, not with the old one', async () => {
    const service = await start();
    await writeCustomers(service, 'rot');
    await stopped(service);
    const newKey = randomBytes(32);
    const newId = masterKeyId(newKey);
    const rotated = await runCli(['rotate-keys'], { ...env, CRM_MASTER_KEY: newKey.toString('base64'), CRM_MASTER_KEY_PREVIOUS: env.CRM_MASTER_KEY });
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain(`under master key ${newId}; master keys given: ${newId} (CRM_MASTER_KEY, current), `);
    expect(rotated.stdout).toMatch(/^keys \[#{30}\] 4\/4 100\.0% \d+ keys\/s$/m);
    expect(rotated.stdout).toContain(`Rotated: every customer's key is wrapped under master key ${newId} (4 rewrapped)`);
    expect(await query(`select distinct master_key_id from crm_stream_keys`)).toEqual([{ master_key_id: newId }]);
    const events = await createPostgresEventStore(database.url, { max: 1 });
    expect(await events.verify()).toMatchObject({ ok: true, broken: [] });
    await events.close();

    const renewed = await start({ CRM_MASTER_KEY: newKey.toString('base64') });
    expect((await call(renewed, 'GET', '/v1/customers/rot-2')).name).toBe('CLI rot 2 有限公司');
    await stopped(renewed);
    await expect(start()).rejects.toThrow(`4 stream keys in the database are wrapped under master key ${newId}, which this process was not given`);
  }, 60_000);
});

describe('crm on embedded PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
  const env = { CRM_DATA_DIR: dataDir };
  let service: ServiceProcess | undefined;
  afterAll(() => {
    service?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  const withDatabase = async <T>(use: (query: Query) => Promise<T>): Promise<T> => {
    const client = await createPGliteClient(join(dataDir, 'pglite'));
    try {
      return await use((text) => client.query(text));
    } finally {
      await client.close();
    }
  };

  it('is refused while the service has the folder open, and rebuilds itself once it is stopped', async () => {
    service = await startServiceProcess({ ...env, CRM_ADMIN_KEY: adminKey });
    await writeCustomers(service, 'lite');
    await caughtUp(service);
    const refused = await runCli(['rebuild', 'all'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`is open in process ${service.child.pid}: the service (or another crm) is running on this data folder`);
    await stopped(service);

    const live = await withDatabase(dump);
    const rebuilt = await runCli(['rebuild', 'all'], env);
    expect(rebuilt.code).toBe(0);
    expectRebuilt(rebuilt.stdout);
    const [after, generations] = await withDatabase(async (query) => [await dump(query), await activeGenerations(query)] as const);
    expect(generations).toEqual(names.map(() => 2));
    expect(after).toEqual(live);
  }, 60_000);
});
