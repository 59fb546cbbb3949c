import { z } from 'zod';
import { defineRpc } from '../registry';
import { rpcSubject } from '../subjects';

export const healthCheckResponse = z
  .object({
    service: z.string(),
    status: z.enum(['ok', 'degraded']),
    checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string().optional() })),
  })
  .strict();

/** Every service answers `rpc.<service>.health.check`: the gateway's readiness fans out over it. */
export function healthCheckRpc(service: string) {
  return defineRpc({
    subject: rpcSubject(service, 'health', 'check'),
    service,
    description: `Readiness of the ${service} service (NATS and its database).`,
    request: z.object({}).strict(),
    response: healthCheckResponse,
  });
}
