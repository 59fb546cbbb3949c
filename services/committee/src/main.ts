import 'reflect-metadata';
import { createServiceMicroservice } from '@aiplat/messaging';
import { createLogger, HealthRegistry, startHealthServer } from '@aiplat/observability';
import { loadCommitteeEnv } from './config/env';
import { CommitteeModule } from './committee.module';

async function main(): Promise<void> {
  const env = loadCommitteeEnv();
  const log = createLogger({ service: 'committee', level: env.LOG_LEVEL as 'info' });
  const app = await createServiceMicroservice(CommitteeModule.forRoot(env), {
    service: 'committee',
    natsUrl: env.NATS_URL,
    ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
  });
  app.enableShutdownHooks();
  await app.listen();
  if (env.HEALTH_PORT !== undefined) {
    const health = await startHealthServer({ port: env.HEALTH_PORT, registry: app.get(HealthRegistry), logger: log });
    log.info({ port: health.port }, 'health endpoints listening');
  }
  log.info('committee service ready');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
