import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ApiKeyStore } from './api-key-store';
import { FailedAuthentications, TooManyFailedAuthentications } from './failed-authentications';
import { PUBLIC, ROLES, type Principal, type Role } from './roles';

/** Failed authentications an address may make in a minute before it is made to wait (429). */
const defaultAuthFailuresPerMinute = 30;

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** `Authorization: Bearer <key>` on every route not marked @Public; the route's @Roles decide. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures: FailedAuthentications;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failures = new FailedAuthentications(config.authFailuresPerMinute ?? defaultAuthFailuresPerMinute);
  }

  /** A route's access rule (by controller class, then handler), read from its decorators once. */
  private readonly access = new WeakMap<object, WeakMap<object, { isPublic: boolean; roles: Role[] }>>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles: allowed } = this.accessOf(context);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const wait = this.failures.retryAfter(request.ip);
    if (wait > 0) throw new TooManyFailedAuthentications(wait);
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const principal = match ? await this.keys.authenticate(match[1]) : null;
    if (!principal) {
      this.failures.record(request.ip);
      throw new UnauthorizedException(match ? 'The API key is not known.' : 'Send an API key as "Authorization: Bearer <key>".');
    }
    if (principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new ForbiddenException(
        `The role ${principal.role} may not call this route; it needs ${['admin', ...allowed].join(' or ')}.`,
      );
    }
    request.principal = principal;
    return true;
  }

  private accessOf(context: ExecutionContext): { isPublic: boolean; roles: Role[] } {
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let routes = this.access.get(controller);
    if (!routes) this.access.set(controller, (routes = new WeakMap()));
    let access = routes.get(handler);
    if (!access) {
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC, [handler, controller]) ?? false,
        roles: this.reflector.getAllAndOverride<Role[]>(ROLES, [handler, controller]) ?? [],
      };
      routes.set(handler, access);
    }
    return access;
  }
}
