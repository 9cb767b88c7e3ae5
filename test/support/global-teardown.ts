import type { EphemeralPostgres } from './postgres-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { crmPostgres?: EphemeralPostgres }).crmPostgres?.stop();
}
