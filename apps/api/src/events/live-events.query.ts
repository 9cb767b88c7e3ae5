import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Runtime } from '@crm/application';
import type { RecordedEvent } from '@crm/event-store';
import type { SubscriptionFilter } from '@crm/subscriptions';
import { RUNTIME } from '../database/database.module';

/** `$all` from a position, then live, in pages, until the signal aborts (the QueryBus's message). */
export class LiveEventsQuery {
  constructor(readonly request: SubscriptionFilter & { from?: number; signal: AbortSignal }) {}
}

@QueryHandler(LiveEventsQuery)
export class LiveEventsHandler implements IQueryHandler<LiveEventsQuery, AsyncIterable<readonly RecordedEvent[]>> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ request }: LiveEventsQuery): Promise<AsyncIterable<readonly RecordedEvent[]>> {
    return this.runtime.subscriptions.live(request);
  }
}
