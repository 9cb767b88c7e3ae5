import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  admitCustomerCommand,
  DomainError,
  type CustomerCommand,
  type CustomerDecider,
  type CustomerEvent,
} from '../../../../libs/domain/src';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '../../../../libs/event-store/src';
import { EVENT_STORE } from '../database/database.module';
import { CUSTOMER_DECIDER } from './customer-decider.provider';
import { CustomerStreams, customerStream } from './customer-streams';
import { KeyedLock } from './keyed-lock';

export interface CommandContext {
  actor: string;
  correlationId: string;
  causationId?: string;
  occurredAt: string;
  /** From `If-Match`: the write happens only if the stream is at this version. */
  expectedVersion?: number;
}

/** Record a fact about one customer: load, fold, decide, append with the expected version. */
export class ExecuteCustomerCommand {
  constructor(
    readonly customerId: string,
    readonly command: CustomerCommand,
    readonly context: CommandContext,
  ) {}
}

export interface CommandOutcome {
  customerId: string;
  streamVersion: number;
  /** Empty when the command changed nothing (an identical retry). */
  events: RecordedEvent[];
}

/** Without If-Match, a write from another process is met by deciding again on the new state. */
const attempts = 5;

@CommandHandler(ExecuteCustomerCommand)
export class ExecuteCustomerCommandHandler implements ICommandHandler<ExecuteCustomerCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly streams: CustomerStreams,
    @Inject(CUSTOMER_DECIDER) private readonly decider: CustomerDecider,
  ) {}

  private readonly lock = new KeyedLock();

  execute({ customerId, command, context }: ExecuteCustomerCommand): Promise<CommandOutcome> {
    return this.lock.run(customerId, () => this.decideAndAppend(customerId, command, context));
  }

  private async decideAndAppend(customerId: string, command: CustomerCommand, context: CommandContext): Promise<CommandOutcome> {
    const stream = customerStream(customerId);
    for (let attempt = 1, fresh = false; ; attempt++) {
      const { version, state } = await this.streams.load(customerId, fresh);
      if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
        if (!fresh) {
          fresh = true;
          continue;
        }
        // The customer's existence is checked before the precondition (RFC 9110 §13.2.2): unknown is 404, erased 410.
        admitCustomerCommand(command, state);
        throw new WrongExpectedVersionError(stream, context.expectedVersion, version);
      }
      let decided: CustomerEvent[];
      try {
        decided = this.decider.decide(command, state);
      } catch (error) {
        if (fresh || !(error instanceof DomainError)) throw error;
        decided = [];
      }
      if (decided.length === 0) {
        // A refusal or "nothing to do" must not rest on a kept state that may lag behind other processes:
        // it is decided again on the stream itself (reading only the events after the kept state).
        if (fresh) return { customerId, streamVersion: version, events: [] };
        fresh = true;
        continue;
      }
      const metadata: EventMetadata = {
        actor: context.actor,
        correlationId: context.correlationId,
        ...(context.causationId ? { causationId: context.causationId } : {}),
        occurredAt: context.occurredAt,
      };
      try {
        const result = await this.store.append(
          stream,
          decided.map((event) => ({ type: event.type, data: event.data as never, metadata })),
          version === -1 ? 'no_stream' : version,
        );
        this.streams.remember(customerId, { version: result.streamVersion, state: decided.reduce(this.decider.evolve, state) });
        return { customerId, streamVersion: result.streamVersion, events: result.events };
      } catch (error) {
        const retry = error instanceof WrongExpectedVersionError && context.expectedVersion === undefined && attempt < attempts;
        if (!retry) throw error;
        fresh = true;
      }
    }
  }
}
