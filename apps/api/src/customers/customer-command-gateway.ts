import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { customerStream, type CommandContext, type CommandOutcome } from '@crm/application';
import type { CustomerCommand } from '@crm/domain';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { Exchange } from '../http/exchange';
import { RequestValidationError } from '../http/validation';
import { IdempotencyStore, type StoredAnswer } from '../idempotency/idempotency-store';
import type { FactDto } from './fact.dto';
import { RecordCustomerFact } from './record-fact.command';

const futureToleranceMs = 5 * 60 * 1000;

/**
 * The HTTP side of every write: metadata from the request (actor from the
 * API key, correlation id, business time), `If-Match`, `Idempotency-Key`,
 * the answer `{ customerId, streamVersion, events }` with an `ETag`.
 */
@Injectable()
export class CustomerCommandGateway {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly idempotency: IdempotencyStore,
  ) {}

  /** `fact` is the validated body: its `occurredAt` is the command's business time, not part of its data. */
  async record({ request, reply }: Exchange, customerId: string, fact: FactDto, command: CustomerCommand): Promise<CommandOutcome> {
    const key = idempotencyKey(request);
    const hash = key === undefined ? undefined : requestHash(request);
    // The same key on the same request is the same request, whichever process runs it.
    const context = { ...commandContext(request, fact.occurredAt), ...(key ? { requestKey: `${request.principal!.keyId}\n${key}\n${hash}` } : {}) };
    const run = async (): Promise<StoredAnswer> => {
      const outcome = await this.commandBus.execute<RecordCustomerFact, CommandOutcome>(new RecordCustomerFact(customerId, command, context));
      return { status: outcome.events.length > 0 ? 201 : 200, body: outcome, etag: `"${outcome.streamVersion}"` };
    };
    const answer = key
      ? await this.idempotency.run(request.principal!.keyId, key, hash!, customerStream(customerId), run)
      : await run();
    void reply.status(answer.status).header('x-correlation-id', context.correlationId);
    if (answer.etag) void reply.header('etag', answer.etag);
    return answer.body as CommandOutcome;
  }
}

function commandContext(request: AuthenticatedRequest, occurredAt: string | undefined): CommandContext {
  const now = Date.now();
  if (occurredAt !== undefined && Date.parse(occurredAt) > now + futureToleranceMs) {
    throw new RequestValidationError([{ path: 'occurredAt', message: 'occurredAt must not be more than 5 minutes in the future' }]);
  }
  return {
    actor: request.principal!.name,
    correlationId: header(request, 'x-correlation-id') ?? randomUUID(),
    causationId: header(request, 'x-causation-id'),
    occurredAt: new Date(occurredAt ?? now).toISOString(),
    expectedVersion: ifMatchVersion(header(request, 'if-match')),
  };
}

/** Keys are the client's own (a UUID is usual); a few thousand characters would not fit the index that finds them. */
const maxIdempotencyKeyLength = 255;

function idempotencyKey(request: AuthenticatedRequest): string | undefined {
  const key = header(request, 'idempotency-key');
  if (key !== undefined && key.length > maxIdempotencyKeyLength) {
    throw new RequestValidationError([{ path: 'Idempotency-Key', message: `Idempotency-Key must be at most ${maxIdempotencyKeyLength} characters` }]);
  }
  return key;
}

/** `If-Match: "3"` (or W/"3", or 3): the stream version the write expects; `*` or absent: none. */
function ifMatchVersion(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(value);
  if (!match) throw new RequestValidationError([{ path: 'If-Match', message: 'If-Match must be an ETag of a stream version, e.g. "3"' }]);
  return Number(match[1]);
}

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() !== '' ? text.trim() : undefined;
}

function requestHash(request: AuthenticatedRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}
