import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiKeyStore } from './api-key-store';
import { PUBLIC, ROLES, type Principal, type Role } from './roles';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** `Authorization: Bearer <key>` on every route not marked @Public; the route's @Roles decide. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
  ) {}

  /** A route's access rule (by controller class, then handler), read from its decorators once. */
  private readonly access = new WeakMap<object, WeakMap<object, { isPublic: boolean; roles: Role[] }>>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles: allowed } = this.accessOf(context);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('Send an API key as "Authorization: Bearer <key>".');
    const principal = await this.keys.authenticate(match[1]);
    if (!principal) throw new UnauthorizedException('The API key is not known.');
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
