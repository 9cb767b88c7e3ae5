import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { join } from 'node:path';
import { createPGliteEventStore, createPostgresEventStore, type EventStore } from '../../../libs/event-store/src';
import { APP_CONFIG } from './config/config.module';
import type { AppConfig } from './config/config';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** Which storage the service runs on, for health and logs. */
export function storageKind(config: AppConfig): 'postgres' | 'pglite' {
  return config.databaseUrl ? 'postgres' : 'pglite';
}

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Promise<EventStore> =>
    config.databaseUrl
      ? createPostgresEventStore(config.databaseUrl)
      : createPGliteEventStore(join(config.dataDir, 'pglite')),
};

/** Closes the store's connections when the app shuts down. */
@Injectable()
export class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
