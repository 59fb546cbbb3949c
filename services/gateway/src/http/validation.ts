import { DomainError, issuesFromZod, type Issue } from '@aiplat/contracts';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_ROUTE, type ApiRouteSpec } from './api-route';
import type { GatewayRequest } from './request-context';

/**
 * Keys that a MongoDB query would read as operators or paths. No schema of the
 * API accepts them, and this check refuses them everywhere — a second line
 * behind the strict schemas against NoSQL injection such as `{"$gt": ""}`.
 */
export function findOperatorKeys(value: unknown, path = '', depth = 0): Issue[] {
  if (depth > 32) return [{ path: path || '(root)', message: 'nested too deeply' }];
  if (Array.isArray(value))
    return value.flatMap((v, i) => findOperatorKeys(v, `${path}${path ? '.' : ''}${i}`, depth + 1));
  if (value === null || typeof value !== 'object') return [];
  const issues: Issue[] = [];
  for (const [k, v] of Object.entries(value)) {
    const here = `${path}${path ? '.' : ''}${k}`;
    if (k.startsWith('$') || k.includes('.') || k === '__proto__' || k === 'constructor') {
      issues.push({ path: here, message: 'field names may not start with $ or contain .' });
    } else {
      issues.push(...findOperatorKeys(v, here, depth + 1));
    }
  }
  return issues;
}

/** `body` + `name` → `body.name`; a problem with the whole body is reported at `body`. */
const at = (key: string, path: string) => (path === '(root)' ? key : `${key}.${path}`);

/**
 * Validates params, query and body against the route's schemas (after
 * authentication, so anonymous callers learn nothing about the shapes).
 * Unknown fields, wrong types and operator keys → 400 with every problem listed.
 */
@Injectable()
export class ValidationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const spec = this.reflector.get<ApiRouteSpec | undefined>(API_ROUTE, ctx.getHandler());
    if (!spec) return true;
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    const issues: Issue[] = [];
    const validated: NonNullable<GatewayRequest['validated']> = {};
    for (const key of ['params', 'query', 'body'] as const) {
      const raw = (req as unknown as Record<string, unknown>)[key];
      const schema = spec[key];
      const operatorKeys = findOperatorKeys(raw);
      if (operatorKeys.length > 0) {
        issues.push(...operatorKeys.map((i) => ({ ...i, path: at(key, i.path) })));
        continue;
      }
      if (!schema) {
        if (key === 'body' && raw !== undefined && raw !== null && spec.method !== 'GET') {
          issues.push({ path: 'body', message: 'this operation takes no body' });
        }
        continue;
      }
      const result = schema.safeParse(raw ?? (key === 'body' ? undefined : {}));
      if (result.success) validated[key] = result.data;
      else issues.push(...issuesFromZod(result.error).map((i) => ({ ...i, path: at(key, i.path) })));
    }
    if (issues.length > 0) throw new DomainError('validation', 'the request is invalid', issues);
    req.validated = validated;
    return true;
  }
}
