export * from './event-store';
export * from './errors';
export { defaultAppendLimits, type AppendLimits } from './validation';
export { SqlEventStore, type SqlEventStoreOptions } from './sql/sql-event-store';
export type { SqlClient, SqlQueryable, SqlTransaction } from './sql/sql-client';
export { migrate, type Migrations } from './sql/migrations';
export { createPostgresClient, createPostgresEventStore } from './postgres/postgres-event-store';
export { createPGliteClient, createPGliteEventStore } from './pglite/pglite-event-store';
export {
  CryptoShreddingEventStore,
  type CryptoShreddingOptions,
  type PersonalDataPolicy,
} from './personal-data/crypto-shredding-event-store';
export type { StreamKeyVault } from './personal-data/stream-key-vault';
export { streamKeyShreddedChannel } from './personal-data/stream-keys';
export { isDatabaseUnavailable } from './unavailable';
