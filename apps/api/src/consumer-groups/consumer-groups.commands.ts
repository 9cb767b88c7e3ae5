import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Runtime } from '@crm/application';
import type { RecordedEvent } from '@crm/event-store';
import type { AckResult, ConsumerGroupDefinition, ConsumerGroupStatus } from '@crm/subscriptions';
import { RUNTIME } from '../database/database.module';

export class CreateConsumerGroup {
  constructor(readonly group: ConsumerGroupDefinition) {}
}

export class PollConsumerGroup {
  constructor(
    readonly name: string,
    readonly member: string,
    readonly max: number,
  ) {}
}

export class AckConsumerGroup {
  constructor(
    readonly name: string,
    readonly member: string,
    readonly eventIds: readonly string[],
  ) {}
}

export class ConsumerGroupQuery {
  constructor(readonly name: string) {}
}

@CommandHandler(CreateConsumerGroup)
export class CreateConsumerGroupHandler implements ICommandHandler<CreateConsumerGroup> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}
  execute({ group }: CreateConsumerGroup): Promise<{ created: boolean; status: ConsumerGroupStatus }> {
    return this.runtime.subscriptions.consumerGroups.create(group);
  }
}

@CommandHandler(PollConsumerGroup)
export class PollConsumerGroupHandler implements ICommandHandler<PollConsumerGroup> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}
  execute({ name, member, max }: PollConsumerGroup): Promise<RecordedEvent[]> {
    return this.runtime.subscriptions.consumerGroups.poll(name, member, max);
  }
}

@CommandHandler(AckConsumerGroup)
export class AckConsumerGroupHandler implements ICommandHandler<AckConsumerGroup> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}
  execute({ name, member, eventIds }: AckConsumerGroup): Promise<AckResult> {
    return this.runtime.subscriptions.consumerGroups.ack(name, member, eventIds);
  }
}

@QueryHandler(ConsumerGroupQuery)
export class ConsumerGroupQueryHandler implements IQueryHandler<ConsumerGroupQuery> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}
  execute({ name }: ConsumerGroupQuery): Promise<ConsumerGroupStatus> {
    return this.runtime.subscriptions.consumerGroups.status(name);
  }
}
