import { randomUUID } from 'node:crypto';
import postgres from 'postgres';

/** A fresh database on the run's PostgreSQL server, dropped by `drop()`. */
/** A database of its own on the run's PostgreSQL server, dropped by `drop`. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.CRM_TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error('CRM_TEST_POSTGRES_URL is not set: the Jest global setup did not start PostgreSQL.');
  const name = `crm_test_${randomUUID().replace(/-/g, '')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}
