import { createHash } from 'node:crypto';
import { admitCustomerCommand, DomainError, type CustomerCommand, type CustomerDecider, type CustomerEvent } from '@crm/domain';
import { WrongExpectedVersionError, type EventMetadata, type EventStore, type RecordedEvent } from '@crm/event-store';
import type { CustomerStreams } from './customer-streams';
import { KeyedLock } from './keyed-lock';
import { customerStream } from './stream-fold-cache';

/** Who records a fact, when it happened, and on which version of the stream the writer relies. */
export interface CommandContext {
  actor: string;
  correlationId: string;
  causationId?: string;
  /** Business time of the fact (ISO 8601 instant); the events' `metadata.occurredAt`. */
  occurredAt: string;
  /** From `If-Match`: the write happens only if the stream is at this version. */
  expectedVersion?: number;
  /**
   * Names the request across its retries (the API key and its Idempotency-Key): the events' ids
   * derive from it, so that a retry after a crash between the append and its stored answer
   * finds its events stored and writes nothing twice.
   */
  requestKey?: string;
}

export interface CommandOutcome {
  customerId: string;
  streamVersion: number;
  /** Empty when the command changed nothing (an identical retry). */
  events: RecordedEvent[];
}

/** The i-th event of a request, as a UUID made from a hash of the request's key: the same on every retry. */
function eventIdOf(requestKey: string, i: number): string {
  const hex = createHash('sha256').update(`${requestKey}\n${i}`).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant, so that it reads as the UUID it stands for.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Without If-Match, a write from another process is met by deciding again on the new state. */
const attempts = 5;

/**
 * Records a fact about one customer: the kept folded state, decide, append
 * with the expected version. Commands for one customer in this process queue
 * behind each other; writers in other processes meet the version check.
 */
export class CustomerFacts {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly store: EventStore,
    private readonly streams: CustomerStreams,
    private readonly decider: CustomerDecider,
  ) {}

  record(customerId: string, command: CustomerCommand, context: CommandContext): Promise<CommandOutcome> {
    return this.lock.run(customerId, () => this.decideAndAppend(customerId, command, context));
  }

  private async decideAndAppend(customerId: string, command: CustomerCommand, context: CommandContext): Promise<CommandOutcome> {
    const stream = customerStream(customerId);
    const decision = { occurredAt: context.occurredAt };
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
        decided = this.decider.decide(command, state, decision);
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
          decided.map((event, i) => ({
            ...(context.requestKey ? { eventId: eventIdOf(context.requestKey, i) } : {}),
            type: event.type,
            data: event.data as never,
            metadata,
          })),
          version === -1 ? 'no_stream' : version,
        );
        // Business time as stored, so that the kept state is the fold of the stream itself.
        const next = decided.reduce((folded, event, i) => this.decider.evolve(folded, { ...event, metadata: result.events[i].metadata }), state);
        this.streams.remember(customerId, { version: result.streamVersion, state: next });
        return { customerId, streamVersion: result.streamVersion, events: result.events };
      } catch (error) {
        const retry = error instanceof WrongExpectedVersionError && context.expectedVersion === undefined && attempt < attempts;
        if (!retry) throw error;
        fresh = true;
      }
    }
  }
}
