import type { EphemeralPostgres } from '@crm/ephemeral-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { crmPostgres?: EphemeralPostgres }).crmPostgres?.stop();
}
