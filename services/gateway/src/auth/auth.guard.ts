import { DomainError } from '@aiplat/contracts';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_ROUTE, describeAccess, grants, type ApiRouteSpec } from '../http/api-route';
import type { GatewayRequest } from '../http/request-context';
import { AuthService } from './auth.service';

/**
 * Runs first on every route: authenticates the bearer token, then applies the
 * route's access rule from the permission matrix. A route without a spec is
 * refused, so forgetting to declare access fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.get<ApiRouteSpec | undefined>(API_ROUTE, ctx.getHandler());
    if (!spec) throw new DomainError('forbidden', 'this operation is not declared');
    if (spec.access === 'public') return true;
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const principal = token ? await this.auth.authenticate(token) : undefined;
    if (!principal) throw new DomainError('unauthenticated', 'sign in first: a valid bearer token is required');
    req.principal = principal;
    if (!grants(spec.access, principal.permissions)) {
      throw new DomainError(
        'forbidden',
        `your roles do not include the permission ${describeAccess(spec.access).replace(/`/g, '')}`,
      );
    }
    return true;
  }
}
