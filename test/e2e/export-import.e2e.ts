import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { createApp } from '@crm/api';
import { createPostgresEventStore } from '@crm/event-store';
import { createTestDatabase, testMasterKey, testMasterKeyText, testSigningKey, testSigningKeyText, type TestDatabase } from '@crm/testing';
import { registered, startApi, type TestApi } from '../support/api';
import { runCli } from '../support/cli-process';
import { buildService } from '../support/service-process';

type Sql = postgres.Sql;

/** What an import must reproduce exactly: the events, keys, checkpoints and their heads. */
async function stored(sql: Sql) {
  return {
    events: await sql`select position, event_id, stream_id, stream_version, type, schema_version, data::text, metadata::text, occurred_at, recorded_at, encode(hash, 'hex') as hash from crm_events order by position`,
    keys: await sql`select stream_id, master_key_id, encode(wrapped_key, 'hex') as wrapped, shredded_at is not null as shredded from crm_stream_keys order by stream_id`,
    checkpoints: await sql`select * from crm_checkpoints order by sequence`,
    heads: await sql`select * from crm_checkpoint_heads order by sequence, stream_id`,
  };
}

async function readModels(sql: Sql) {
  const tables: Record<string, unknown[]> = {};
  for (const { table_name } of await sql`select table_name from information_schema.views where table_schema = 'crm_read' order by 1`) {
    tables[table_name] = await sql.unsafe(`select * from crm_read.${table_name} t order by t::text`);
  }
  return tables;
}

/** A service on the database until its projections have applied everything; its read models then. */
async function builtReadModels(url: string): Promise<Record<string, unknown[]>> {
  const app = await createApp({ port: 0, databaseUrl: url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey, adminKey: 'import-e2e-admin-key-0123456789', checkpointSeconds: 0 }, ['error']);
  await app.listen(0, '127.0.0.1');
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    for (let i = 0; ; i++) {
      const status = (await (await fetch(`${await app.getUrl()}/v1/projections`, { headers: { authorization: 'Bearer import-e2e-admin-key-0123456789' } })).json()) as { lagEvents: number }[];
      if (status.every((p) => p.lagEvents === 0)) break;
      if (i > 1000) throw new Error('the projections did not catch up');
      await sleep(20);
    }
    return await readModels(sql);
  } finally {
    await sql.end();
    await app.close();
  }
}

describe('export, then import into an empty database: the same streams, links, keys and checkpoints (PostgreSQL)', () => {
  let source: TestApi;
  let sourceSql: Sql;
  let folder: string;
  let file: string;
  let lines: string[];
  const targets: TestDatabase[] = [];
  const env = (url: string) => ({ DATABASE_URL: url, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText });
  const target = async () => {
    const database = await createTestDatabase();
    targets.push(database);
    return { database, sql: postgres(database.url, { max: 1, onnotice: () => undefined }) };
  };

  beforeAll(async () => {
    buildService();
    source = await startApi({ checkpointSeconds: 0 });
    sourceSql = postgres(source.databaseUrl, { max: 1, onnotice: () => undefined });
    for (let c = 0; c < 6; c++) {
      const id = `rt-${c}`;
      await registered(source.call, id, { industry: 'IT retail' });
      await source.call('POST', `/v1/customers/${id}/contacts`, { contactId: 'ct-1', name: `联系人 ${c}`, level: 'executive', role: 'decision-maker', phone: `+86 138 0000 000${c}` });
      await source.call('POST', `/v1/customers/${id}/interactions`, { channel: 'visit', direction: 'outbound', purpose: 'care', summary: `拜访 ${c}: "quotes", tabs\tand lines\nboth`, occurredAt: '2025-03-01T09:00:00Z' });
      await source.call('POST', `/v1/customers/${id}/purchases`, { orderId: `SO-${c}`, currency: 'CNY', lines: [{ sku: 'BOOTH', category: 'booths', quantity: 1 + c, unitPriceMinor: 1_050_000 }] });
      await source.call('POST', `/v1/customers/${id}/complaints`, { complaintId: `cp-${c}`, category: 'delivery', severity: 'high', channel: 'call', description: `迟到 ${c}`, receivedBy: 'agent-wu' });
      if (c === 2) await source.call('POST', '/v1/checkpoints');
    }
    await source.call('POST', '/v1/customers/rt-4/erasure', { basis: 'data-subject-request' });
    await source.call('POST', '/v1/checkpoints');
    await source.call('POST', '/v1/customers/rt-0/star-rating', { stars: 5 });
    folder = mkdtempSync(join(tmpdir(), 'crm-import-'));
    file = join(folder, 'all.ndjson');
    expect((await runCli(['export', '--out', file], env(source.databaseUrl))).code).toBe(0);
    lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  }, 300_000);
  afterAll(async () => {
    await sourceSql?.end();
    await source?.close();
    for (const database of targets) await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stores everything as it was; verify holds; the read models built there equal the source’s; a second import writes nothing', async () => {
    const { database, sql } = await target();
    try {
      const imported = await runCli(['import', '--file', file], env(database.url));
      expect(imported.stdout).toContain('imported');
      expect(imported.stdout).toContain('32 events written, 0 already stored, 12 stream keys, 2 checkpoints written');
      expect(imported.code).toBe(0);
      const copy = await stored(sql);
      expect(copy).toEqual(await stored(sourceSql));
      expect(copy.events).toHaveLength(32);
      const verified = await runCli(['verify'], env(database.url));
      expect(verified.stdout).toMatch(/^OK: 32 events' links checked, 0 findings; 2 checkpoints, 0 with problems/);

      const again = await runCli(['import', '--file', file], env(database.url));
      expect(again.stdout).toContain('0 events written, 32 already stored, 12 stream keys, 0 checkpoints written');
      expect(await stored(sql)).toEqual(copy);

      // Personal data opens there (same master key), and the read models come out identical.
      expect(await builtReadModels(database.url)).toEqual(await readModels(sourceSql));
    } finally {
      await sql.end();
    }
  });

  it('resumes after an interruption: a file cut short stores its whole batches, the whole file then the rest', async () => {
    const { database, sql } = await target();
    try {
      const cutFile = join(folder, 'cut.ndjson');
      const cutAt = lines.findIndex((l) => l.includes('"rt-3-SO-3"') || l.includes('"SO-3"'));
      writeFileSync(cutFile, `${lines.slice(0, cutAt).join('\n')}\n`);
      const cut = await runCli(['import', '--file', cutFile], env(database.url));
      expect(cut.code).toBe(1);
      expect(cut.stdout).toContain('it was cut short');
      const events = Number((await sql`select count(*)::int as n from crm_events`)[0].n);
      expect(events).toBe(lines.slice(0, cutAt).filter((l) => l.startsWith('{"event"')).length);
      const rest = await runCli(['import', '--file', file], env(database.url));
      expect(rest.stdout).toContain(`${32 - events} events written, ${events} already stored`);
      expect(await stored(sql)).toEqual(await stored(sourceSql));
    } finally {
      await sql.end();
    }
  });

  it('refuses a broken line by its number and keeps what came before it whole; a foreign database is not resumed', async () => {
    const { database, sql } = await target();
    try {
      const at = lines.findIndex((l) => l.includes('"SO-2"'));
      const broken = join(folder, 'broken.ndjson');
      writeFileSync(broken, `${lines.map((l, i) => (i === at ? l.replace('1050000', '1060000') : l)).join('\n')}\n`);
      const refused = await runCli(['import', '--file', broken], env(database.url));
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(new RegExp(`^REFUSED at line ${at + 1}: customer-rt-2 version 3 has link [0-9a-f]{64}, but its content`));
      const kept = await sql`select position from crm_events order by position`;
      expect(kept.map((r) => Number(r.position))).toEqual(lines.slice(0, at).filter((l) => l.startsWith('{"event"')).map((l) => JSON.parse(l).event.position));
      expect((await runCli(['verify'], env(database.url))).code).toBe(0);

      const malformed = join(folder, 'malformed.ndjson');
      writeFileSync(malformed, `${lines.slice(0, 3).join('\n')}\n{"event": \n`);
      const bad = await runCli(['import', '--file', malformed], env(database.url));
      expect(bad.stdout).toContain('REFUSED at line 4: is not JSON');
      // A service applies the read models on the source's database: an import there is refused.
      const busy = await runCli(['import', '--file', file], env(source.databaseUrl));
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('a service is running on PostgreSQL (DATABASE_URL)');
      // A database holding other events at the file's positions holds no earlier import of it.
      const foreign = await target();
      try {
        const store = await createPostgresEventStore(foreign.database.url);
        await store.append('customer-elsewhere', [{ type: 'StarRated', data: { stars: 2 } }], 'no_stream');
        await store.close();
        const other = await runCli(['import', '--file', file], env(foreign.database.url));
        expect(other.code).toBe(1);
        expect(other.stdout).toContain('the database holds another event at position 1: it holds no earlier import of this file');
        expect((await foreign.sql`select count(*)::int as n from crm_events`)[0].n).toBe(1);
      } finally {
        await foreign.sql.end();
      }
    } finally {
      await sql.end();
    }
  });
});
