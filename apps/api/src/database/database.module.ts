import { Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { CustomerViews, openRuntime, type Runtime } from '@crm/application';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';

/** The process's runtime (openRuntime): database, event store, write use case, kept views. */
export const RUNTIME = Symbol('RUNTIME');
/** The one database connection (pool) of the service: events, API keys, idempotency records. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');
export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class RuntimeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The read models are applied in this process unless CRM_PROJECTIONS=off (another process, `crm project`, applies them). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runProjections !== false) await this.runtime.projections.start();
    await this.runtime.subscriptions.start();
    this.runtime.evidence.startCheckpointing(this.config.checkpointSeconds ?? 60, (error) =>
      new Logger('Checkpoints').error(`A checkpoint failed (the next interval tries again): ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}

const fromRuntime = (provide: symbol | typeof CustomerViews, part: (runtime: Runtime) => unknown): Provider => ({
  provide,
  inject: [RUNTIME],
  useFactory: part,
});

@Global()
@Module({
  providers: [
    {
      provide: RUNTIME,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        openRuntime({
          ...config,
          onProjectionError: (message, error) => new Logger('Projections').error(`${message}: ${error instanceof Error ? error.message : String(error)}`),
          onSubscriptionError: (message, error) => new Logger('Subscriptions').error(`${message}: ${error instanceof Error ? error.message : String(error)}`),
        }),
    },
    fromRuntime(SQL_CLIENT, (runtime) => runtime.client),
    fromRuntime(EVENT_STORE, (runtime) => runtime.store),
    fromRuntime(CustomerViews, (runtime) => runtime.views),
    RuntimeLifecycle,
  ],
  exports: [RUNTIME, SQL_CLIENT, EVENT_STORE, CustomerViews],
})
export class DatabaseModule {}
