import fastifyCookie from '@fastify/cookie';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { GatewayModule } from './app.module';
import { AuditService } from './audit/audit.service';
import type { GatewayEnv } from './config/env';
import { registerConsole } from './console/console-static';
import { registerApiDocs } from './http/docs';
import { PROBLEM_CONTENT_TYPE, toProblem } from './http/problem';
import { registerRequestHooks } from './http/request-hooks';
import { registerSecurityHeaders } from './http/security-headers';
import { IdentityRepository } from './identity/identity.repository';
import { UnitsService } from './identity/units.service';

/**
 * Errors the router meets before any hook or route runs (a bad URL, a path parameter too long) are
 * problems like every other.
 */
function frameworkError(
  err: unknown,
  _req: unknown,
  reply: { code(status: number): { type(t: string): { send(body: unknown): unknown } } },
): void {
  const p = toProblem(err);
  p.instance = randomUUID();
  void reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p);
}

/** Builds the gateway (used by main.ts and by the API tests, which start it on a free port). */
export async function createGatewayApp(env: GatewayEnv): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY === 'true',
    logger: false,
    // Two copies of fastify's types (the adapter's and ours) disagree on the handler's generics.
    frameworkErrors: frameworkError as never,
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(env), adapter, {
    logger: ['error', 'warn'],
    bufferLogs: false,
    // Fastify's JSON parser only: Nest's adapter would also accept form bodies, which a
    // cross-site HTML form can send (e.g. to sign a victim in to another account).
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.register(fastifyCookie as never);
  await registerSecurityHeaders(fastify, { https: env.COOKIE_SECURE === 'true' });
  registerRequestHooks(fastify, app.get(AuditService));
  await registerApiDocs(fastify);
  if (!(await registerConsole(fastify, env.CONSOLE_DIR))) {
    new Logger('gateway').warn('no built console found: serving the API only (build services/console)');
  }
  await app.get(IdentityRepository).ensureIndexes();
  await app.get(UnitsService).seedFromRegistry();
  app.enableShutdownHooks();
  return app;
}
