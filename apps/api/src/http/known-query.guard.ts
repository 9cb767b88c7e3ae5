import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/internal';
import type { FastifyRequest } from 'fastify';
import { RequestValidationError } from './validation';

/**
 * A query parameter the route does not know is refused (400), never ignored:
 * `?asOf=` on a route without an `asOf` would otherwise answer the current
 * state to an auditor who asked for a past one. Routes with a query DTO are
 * checked by the validation pipe (unknown fields refused there); this guard
 * refuses any query on a route that takes none.
 */
@Injectable()
export class KnownQueryGuard implements CanActivate {
  private readonly takesQuery = new WeakMap<object, boolean>();

  canActivate(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let takes = this.takesQuery.get(handler);
    if (takes === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
      takes = Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.QUERY}:`));
      this.takesQuery.set(handler, takes);
    }
    if (takes) return true;
    const names = Object.keys((context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as object);
    if (names.length > 0) {
      throw new RequestValidationError(names.map((name) => ({ path: name, message: `${name} is not a query parameter of this route; it takes none` })));
    }
    return true;
  }
}
