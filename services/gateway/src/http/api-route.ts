import type { Permission } from '@aiplat/contracts';
import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata } from '@nestjs/common';
import type { ZodType } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: `public` (no token), `authenticated` (any signed-in
 * user), one permission of the matrix in @aiplat/contracts/access, or any of
 * several (the service then decides which moves each may make).
 */
export type Access = 'public' | 'authenticated' | Permission | readonly Permission[];

export function describeAccess(access: Access): string {
  if (access === 'public') return 'nothing (public)';
  if (access === 'authenticated') return 'any signed-in user';
  return typeof access === 'string' ? `\`${access}\`` : access.map((p) => `\`${p}\``).join(' or ');
}

export function grants(access: Access, permissions: readonly Permission[]): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return typeof access === 'string' ? permissions.includes(access) : access.some((p) => permissions.includes(p));
}

export interface ApiRouteSpec {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/api/v1/users/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  /** Success status and its body schema (omit for 204). */
  success: {
    status: number;
    description: string;
    schema?: ZodType;
    /** Files rather than JSON (exports): the media types the route answers with. */
    files?: readonly string[];
  };
  /** Error statuses this route can answer with besides 400/401/403/500/503. */
  errors?: number[];
  /** POSTs that honour `Idempotency-Key`. */
  idempotent?: boolean;
  /** State-changing routes are audited; `target` names what they act on. */
  audit?: { action: string; target?: (req: { params: Record<string, string>; body: unknown }) => string | undefined };
}

export const API_ROUTE = Symbol('API_ROUTE');

/** Every route of the API, in declaration order: the source of the OpenAPI document and the permission tests. */
export const API_ROUTES: ApiRouteSpec[] = [];

const NEST_METHOD = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;

/** Declares a route once: its Nest handler, its access rule, its schemas and its OpenAPI entry. */
export function ApiRoute(spec: ApiRouteSpec): MethodDecorator {
  if (API_ROUTES.some((r) => r.operationId === spec.operationId)) {
    throw new Error(`operationId ${spec.operationId} is declared twice`);
  }
  API_ROUTES.push(spec);
  const nestPath = spec.path.replace(/^\//, '').replace(/\{(\w+)\}/g, ':$1');
  return applyDecorators(
    NEST_METHOD[spec.method](nestPath),
    HttpCode(spec.success.status),
    SetMetadata(API_ROUTE, spec),
  );
}
