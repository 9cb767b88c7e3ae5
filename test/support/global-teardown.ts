import type { EphemeralPostgres } from '../../libs/ephemeral-postgres/src';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { crmPostgres?: EphemeralPostgres }).crmPostgres?.stop();
}
