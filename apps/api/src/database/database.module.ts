import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { createPGliteClient, createPostgresClient, migrate, SqlEventStore, type SqlClient } from '../../../../libs/event-store/src';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { appMigrations } from './app-schema';

/** The one database connection (pool) of the service: events, API keys, idempotency records. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Which storage the service runs on, for health and logs. */
export function storageKind(config: AppConfig): 'postgres' | 'pglite' {
  return config.databaseUrl ? 'postgres' : 'pglite';
}

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SQL_CLIENT) private readonly client: SqlClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: SQL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<SqlClient> => {
        const client = config.databaseUrl ? createPostgresClient(config.databaseUrl) : await createPGliteClient(join(config.dataDir, 'pglite'));
        await migrate(client, appMigrations);
        return client;
      },
    },
    {
      provide: EVENT_STORE,
      inject: [SQL_CLIENT],
      useFactory: (client: SqlClient) => SqlEventStore.open(client),
    },
    DatabaseLifecycle,
  ],
  exports: [SQL_CLIENT, EVENT_STORE],
})
export class DatabaseModule {}
