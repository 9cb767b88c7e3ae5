import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import type { CustomerCommand } from '../../../../libs/domain/src';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { Exchange } from '../http/exchange';
import { RequestValidationError } from '../http/validation';
import { IdempotencyStore, type StoredAnswer } from '../idempotency/idempotency-store';
import { customerStream } from './customer-streams';
import { ExecuteCustomerCommand, type CommandContext, type CommandOutcome } from './execute-customer-command';

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

  async record(
    { request, reply }: Exchange,
    customerId: string,
    command: (occurredAt: string) => CustomerCommand,
  ): Promise<CommandOutcome> {
    const context = commandContext(request);
    const run = async (): Promise<StoredAnswer> => {
      const outcome = await this.commandBus.execute<ExecuteCustomerCommand, CommandOutcome>(
        new ExecuteCustomerCommand(customerId, command(context.occurredAt), context),
      );
      return { status: outcome.events.length > 0 ? 201 : 200, body: outcome, etag: `"${outcome.streamVersion}"` };
    };
    const key = header(request, 'idempotency-key');
    const answer = key
      ? await this.idempotency.run(request.principal!.keyId, key, requestHash(request), customerStream(customerId), run)
      : await run();
    void reply.status(answer.status).header('x-correlation-id', context.correlationId);
    if (answer.etag) void reply.header('etag', answer.etag);
    return answer.body as CommandOutcome;
  }
}

function commandContext(request: AuthenticatedRequest): CommandContext {
  const body = (request.body ?? {}) as { occurredAt?: string };
  const now = Date.now();
  if (body.occurredAt !== undefined && Date.parse(body.occurredAt) > now + futureToleranceMs) {
    throw new RequestValidationError([{ path: 'occurredAt', message: 'occurredAt must not be more than 5 minutes in the future' }]);
  }
  return {
    actor: request.principal!.name,
    correlationId: header(request, 'x-correlation-id') ?? randomUUID(),
    causationId: header(request, 'x-causation-id'),
    occurredAt: new Date(body.occurredAt ?? now).toISOString(),
    expectedVersion: ifMatchVersion(header(request, 'if-match')),
  };
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
