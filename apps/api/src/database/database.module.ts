import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { erasesPersonalData, personalFieldsOf } from '../../../../libs/domain/src';
import {
  createPGliteClient,
  createPostgresClient,
  CryptoShreddingEventStore,
  migrate,
  SqlEventStore,
  type EventStore,
  type SqlClient,
} from '../../../../libs/event-store/src';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { deleteAnswersOf } from '../idempotency/erased-answers';
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
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Closing the store stops its listening and closes the connection it shares with the rest. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
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
      // Personal data is sealed with the customer's key; erasure shreds the key and, in the same
      // transaction, the stored Idempotency-Key answers that hold copies of it.
      useFactory: async (client: SqlClient) =>
        CryptoShreddingEventStore.open(
          await SqlEventStore.open(client),
          { personalFields: personalFieldsOf, erases: erasesPersonalData },
          { onErasure: deleteAnswersOf },
        ),
    },
    DatabaseLifecycle,
  ],
  exports: [SQL_CLIENT, EVENT_STORE],
})
export class DatabaseModule {}
