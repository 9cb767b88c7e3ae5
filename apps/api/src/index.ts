/** The HTTP service as a package: what the end-to-end tests and the benchmarks start and look into. */
export { createApp } from './app';
export { loadConfig, type AppConfig } from './config/config';
export { roles, type Role } from './auth/roles';
export { ApiKeyStore } from './auth/api-key-store';
export { IdempotencyStore } from './idempotency/idempotency-store';
export { EVENT_STORE, RUNTIME, SQL_CLIENT } from './database/database.module';
