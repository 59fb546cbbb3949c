import type { Permission, Role } from '@aiplat/contracts';
import type { AuditChange } from '../audit/audit-changes';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The signed-in user, as the access token and the session say. */
export interface Principal {
  userId: string;
  username: string;
  unitId: string;
  roles: Role[];
  permissions: Permission[];
  sessionId: string;
}

/** What the gateway attaches to each request on its way through. */
export interface GatewayRequest extends FastifyRequest {
  requestId: string;
  principal?: Principal;
  validated?: { body?: unknown; query?: unknown; params?: unknown };
  /** What an audited edit changed (set by its controller; see audit/audit-changes.ts). */
  auditChanges?: AuditChange[];
}

const part = (key: 'body' | 'query' | 'params') =>
  createParamDecorator(
    (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<GatewayRequest>().validated?.[key],
  );

/** The request body, parsed by the route's schema. */
export const ValidBody = part('body');
export const ValidQuery = part('query');
export const ValidParams = part('params');

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<GatewayRequest>().principal,
);

export const RequestId = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<GatewayRequest>().requestId,
);
