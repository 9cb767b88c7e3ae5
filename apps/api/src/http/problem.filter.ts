import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  EventIdConflictError,
  EventTooLargeError,
  InvalidEventError,
  isDatabaseUnavailable,
  PersonalDataErasedError,
  WrongExpectedVersionError,
} from '@crm/event-store';
import {
  BusinessRuleViolation,
  ContactErasedError,
  contactOfSubject,
  CustomerErasedError,
  CustomerNotRegistered,
  DuplicateConflict,
  NotFound,
} from '@crm/domain';
import { CustomerNotFound } from '@crm/application';
import { SubscriptionConflict, SubscriptionNotFound } from '@crm/subscriptions';
import { TooManyFailedAuthentications } from '../auth/failed-authentications';
import { problem, type Problem } from './problem';
import { RequestValidationError } from './validation';

/** A database that went away usually answers again within seconds (a restart, a failover). */
const databaseRetryAfterSeconds = 5;

/** Every error a user can cause, as `application/problem+json` with the field at fault. */
function toProblem(error: unknown): Problem | undefined {
  if (error instanceof RequestValidationError) {
    return problem(400, error.message, { code: 'invalid-request', errors: error.errors });
  }
  if (error instanceof BusinessRuleViolation) {
    return problem(422, error.message, {
      code: 'business-rule-violated',
      rule: error.rule,
      ...(error.path ? { errors: [{ path: error.path, message: error.message }] } : {}),
    });
  }
  if (error instanceof NotFound) {
    return problem(404, error.message, {
      code: 'not-found',
      entity: error.entity,
      id: error.id,
      ...(error.path ? { errors: [{ path: error.path, message: error.message }] } : {}),
    });
  }
  if (error instanceof TooManyFailedAuthentications) {
    return problem(429, error.message, { code: 'too-many-failed-authentications', retryAfterSeconds: error.retryAfterSeconds });
  }
  if (error instanceof CustomerNotRegistered || error instanceof CustomerNotFound) return problem(404, error.message, { code: 'customer-not-found' });
  if (error instanceof ContactErasedError) return problem(410, error.message, { code: 'contact-erased', entity: 'contact', id: error.contactId });
  // The store's own refusal, met when another process erased the contact between the decision and the append.
  if (error instanceof PersonalDataErasedError && error.subject !== undefined) {
    return problem(410, error.message, { code: 'contact-erased', entity: 'contact', id: contactOfSubject(error.subject) ?? error.subject });
  }
  if (error instanceof CustomerErasedError || error instanceof PersonalDataErasedError) {
    return problem(410, error.message, { code: 'customer-erased' });
  }
  if (error instanceof SubscriptionNotFound) return problem(404, error.message, { code: 'not-found', entity: error.entity, id: error.id });
  if (error instanceof SubscriptionConflict) return problem(409, error.message, { code: 'conflict', entity: error.entity, id: error.id });
  if (error instanceof DuplicateConflict) {
    return problem(409, error.message, { code: 'duplicate', entity: error.entity, id: error.id });
  }
  if (error instanceof WrongExpectedVersionError) {
    return problem(409, error.message, { code: 'version-conflict', currentVersion: error.actual });
  }
  if (error instanceof EventIdConflictError) return problem(409, error.message, { code: 'event-id-conflict' });
  if (error instanceof EventTooLargeError) {
    return problem(413, error.message, { code: 'too-large', errors: [{ path: error.path, message: error.message }] });
  }
  if (error instanceof InvalidEventError) {
    return problem(400, error.message, { code: 'invalid-request', errors: [{ path: error.path, message: error.reason }] });
  }
  if (isDatabaseUnavailable(error)) {
    return problem(503, 'The database cannot be reached or did not answer in time; nothing was written. Try again shortly.', {
      code: 'database-unavailable',
      retryAfterSeconds: databaseRetryAfterSeconds,
    });
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const detail = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return problem(error.getStatus(), Array.isArray(detail) ? detail.join('; ') : String(detail));
  }
  // Fastify's own refusals: body too large, unparsable JSON, unsupported content type.
  const fastify = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const detail = fastify.statusCode === 413 ? 'The request body is over the limit of 1 MiB.' : String(fastify.message);
    return problem(fastify.statusCode, detail, { code: String(fastify.code ?? 'invalid-request').toLowerCase() });
  }
  return undefined;
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toProblem(error) ?? this.unexpected(error);
    if (body.status === 401) void reply.header('www-authenticate', 'Bearer');
    if (body.status === 429 || body.status === 503) void reply.header('retry-after', String(body.retryAfterSeconds));
    void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }

  private unexpected(error: unknown): Problem {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return problem(500, 'The server failed to handle the request; nothing was written by it that it did not report.');
  }
}
