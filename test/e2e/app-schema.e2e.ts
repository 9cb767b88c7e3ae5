import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { createApp } from '@crm/api';
import { serviceMigrations } from '@crm/application';
import { createTestDatabase, testMasterKey, testSigningKey } from '@crm/testing';

const oldKey = 'key-issued-before-migrations-0123456789';

describe("the service's own tables on a database made before they had migrations (PostgreSQL)", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await createTestDatabase();
    sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    // The tables as the service made them itself until now, with a key and a stored answer in them.
    await sql.unsafe(`create table crm_api_keys (
      id uuid primary key, name text not null, role text not null, key_hash text not null unique,
      created_at timestamptz not null default now())`);
    await sql.unsafe(`create table crm_idempotency_keys (
      api_key_id uuid not null, idempotency_key text not null, request_hash text not null,
      status integer, body jsonb, etag text, created_at timestamptz not null default now(),
      primary key (api_key_id, idempotency_key))`);
    const hash = createHash('sha256').update(oldKey).digest('hex');
    await sql`insert into crm_api_keys (id, name, role, key_hash) values ('5f0c8a52-0d3c-4d0e-9a4e-2b1f7c3d9e10', 'old admin', 'admin', ${hash})`;
    await sql`insert into crm_idempotency_keys (api_key_id, idempotency_key, request_hash, status, body)
      values ('5f0c8a52-0d3c-4d0e-9a4e-2b1f7c3d9e10', 'k-old', 'h', 201, '{"b": 1, "a": 2}')`;
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  it('brings them up to date once, keeping their rows, and a second start changes nothing', async () => {
    for (let start = 1; start <= 2; start++) {
      const app = await createApp({ port: 0, databaseUrl: database.url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey }, ['error']);
      try {
        await app.listen(0, '127.0.0.1');
        const keys = await fetch(`${await app.getUrl()}/v1/api-keys`, { headers: { authorization: `Bearer ${oldKey}` } });
        expect(keys.status).toBe(200);
        expect(await keys.json()).toEqual({ keys: [expect.objectContaining({ name: 'old admin', role: 'admin', revokedAt: null })] });
      } finally {
        await app.close();
      }
    }
    const versions = serviceMigrations.steps.map((_, i) => ({ version: i + 1 }));
    expect(await sql`select version from crm_app_migrations order by version`).toEqual(versions);
    const [body] = await sql`select data_type from information_schema.columns where table_name = 'crm_idempotency_keys' and column_name = 'body'`;
    expect(body.data_type).toBe('json');
    const [kept] = await sql`select body::text as body from crm_idempotency_keys where idempotency_key = 'k-old'`;
    expect(JSON.parse(kept.body)).toEqual({ a: 2, b: 1 });
  });
});
