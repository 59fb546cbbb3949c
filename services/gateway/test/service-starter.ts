import { createServiceMicroservice } from '@aiplat/messaging';
import { uniqueToken } from '@aiplat/testing';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { inject } from 'vitest';

/**
 * A domain service in this process, on the suite's real NATS and its own database (`dbVariable`
 * names the service's database setting). Pass another service's AIPLAT_TOPOLOGY_PREFIX in `env`
 * for it to hear that service's events.
 */
export async function startServiceInProcess<E extends { NATS_URL: string }>(options: {
  service: string;
  dbVariable: string;
  load: (env: NodeJS.ProcessEnv) => E;
  module: (env: E) => DynamicModule;
  defaults?: Record<string, string>;
  env?: Record<string, string>;
}): Promise<INestMicroservice> {
  const env = options.load({
    ...process.env,
    NATS_URL: inject('natsUrl'),
    MONGO_URL: inject('mongoUrl'),
    [options.dbVariable]: uniqueToken(`${options.service}_`),
    AIPLAT_TOPOLOGY_PREFIX: uniqueToken(),
    LOG_LEVEL: 'error',
    ...options.defaults,
    ...options.env,
  });
  const app = await createServiceMicroservice(options.module(env), { service: options.service, natsUrl: env.NATS_URL });
  app.useLogger(false);
  await app.listen();
  return app;
}
