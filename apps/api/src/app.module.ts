import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { EventStoreLifecycle, eventStoreProvider, EVENT_STORE } from './event-store.provider';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config)],
      controllers: [HealthController],
      providers: [eventStoreProvider, EventStoreLifecycle],
      exports: [EVENT_STORE],
    };
  }
}
