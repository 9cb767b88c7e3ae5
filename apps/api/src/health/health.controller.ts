import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '../auth/roles';
import type { EventStore } from '../../../../libs/event-store/src';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { EVENT_STORE, storageKind } from '../database/database.module';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers only when the event store answers too. */
  @Get()
  async health() {
    const headPosition = await this.store.headPosition();
    return { status: 'ok', storage: storageKind(this.config), headPosition };
  }
}
