import { startPostgres } from '@crm/ephemeral-postgres';

/** One PostgreSQL server for the whole run; each test file makes its own database on it. */
export default async function globalSetup(): Promise<void> {
  const server = await startPostgres();
  process.env.CRM_TEST_POSTGRES_URL = server.url;
  (globalThis as { crmPostgres?: typeof server }).crmPostgres = server;
}
