import 'reflect-metadata';
import { createServiceMicroservice } from '@aiplat/messaging';
import { createLogger, HealthRegistry, startHealthServer } from '@aiplat/observability';
import { loadTasksEnv } from './config/env';
import { TasksModule } from './tasks.module';

async function main(): Promise<void> {
  const env = loadTasksEnv();
  const log = createLogger({ service: 'tasks', level: env.LOG_LEVEL as 'info' });
  const app = await createServiceMicroservice(TasksModule.forRoot(env), {
    service: 'tasks',
    natsUrl: env.NATS_URL,
    ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
  });
  app.enableShutdownHooks();
  await app.listen();
  if (env.HEALTH_PORT !== undefined) {
    const health = await startHealthServer({ port: env.HEALTH_PORT, registry: app.get(HealthRegistry), logger: log });
    log.info({ port: health.port }, 'health endpoints listening');
  }
  log.info('tasks service ready');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
