import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Runtime } from '@crm/application';
import type { AllPage } from '@crm/event-store';
import type { EventsPageRequest } from '@crm/subscriptions';
import { RUNTIME } from '../database/database.module';

/** A page of the feed (the QueryBus's message). */
export class EventsPageQuery {
  constructor(readonly request: EventsPageRequest) {}
}

@QueryHandler(EventsPageQuery)
export class EventsPageHandler implements IQueryHandler<EventsPageQuery, AllPage> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ request }: EventsPageQuery): Promise<AllPage> {
    return this.runtime.subscriptions.feed(request);
  }
}
