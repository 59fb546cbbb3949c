import { HealthRegistry } from '@aiplat/observability';
import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../http/problem';

const readiness = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string().optional(), durationMs: z.number() })),
});

@Controller()
export class HealthController {
  constructor(private readonly health: HealthRegistry) {}

  @ApiRoute({
    method: 'GET',
    path: '/healthz',
    operationId: 'liveness',
    summary: 'The process is alive',
    tag: 'health',
    access: 'public',
    success: {
      status: 200,
      description: 'Alive',
      schema: z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }),
    },
  })
  liveness() {
    return this.health.liveness();
  }

  @ApiRoute({
    method: 'GET',
    path: '/readyz',
    operationId: 'readiness',
    summary: 'Ready to serve: NATS and the database answer (503 otherwise)',
    tag: 'health',
    access: 'public',
    success: { status: 200, description: 'Ready', schema: readiness },
    errors: [503],
  })
  async readiness(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.readiness();
    if (report.status !== 'ok') void reply.status(503).header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    return report;
  }
}
