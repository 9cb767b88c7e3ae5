import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { EventStreamSettings } from './event-stream';

/** The open SSE streams: each ends when its client leaves, and all end when the service stops (they would hold its shutdown). */
@Injectable()
export class LiveStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<AbortController>();
  readonly settings: EventStreamSettings;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = { heartbeatMs: (config.liveHeartbeatSeconds ?? 15) * 1000, slowConsumerMs: (config.liveSlowConsumerSeconds ?? 30) * 1000 };
  }

  track(): AbortController {
    const abort = new AbortController();
    this.open.add(abort);
    abort.signal.addEventListener('abort', () => this.open.delete(abort), { once: true });
    return abort;
  }

  beforeApplicationShutdown(): void {
    for (const abort of [...this.open]) abort.abort();
  }
}
