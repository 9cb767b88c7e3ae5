import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.guard';

/** The request and the reply of one call, for handlers that set headers and status themselves. */
export interface Exchange {
  request: AuthenticatedRequest;
  reply: FastifyReply;
}

export const HttpExchange = createParamDecorator(
  (_: unknown, context: ExecutionContext): Exchange => ({
    request: context.switchToHttp().getRequest<AuthenticatedRequest>(),
    reply: context.switchToHttp().getResponse<FastifyReply>(),
  }),
);
