import { createServiceMicroservice } from '@aiplat/messaging';
import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { inject } from 'vitest';
import { loadTasksEnv } from '../../tasks/src/config/env';
import { TasksModule } from '../../tasks/src/tasks.module';

/**
 * The tasks service in this process, on the suite's own database and streams.
 * Its clocks are off (tests run them by hand), so nothing changes a task behind
 * a test's back. Suites run one at a time (fileParallelism: false), so this is
 * the only tasks service answering on the shared NATS server.
 */
export async function startTasksService(env: Record<string, string> = {}): Promise<INestMicroservice> {
  const tasksEnv = loadTasksEnv({
    ...process.env,
    NATS_URL: inject('natsUrl'),
    MONGO_URL: inject('mongoUrl'),
    TASKS_DB: uniqueToken('tasks_'),
    AIPLAT_TOPOLOGY_PREFIX: uniqueToken(),
    LOG_LEVEL: 'error',
    OVERDUE_CHECK_INTERVAL_MS: '0',
    REPORT_SWEEP_INTERVAL_MS: '0',
    ...env,
  });
  const app = await createServiceMicroservice(TasksModule.forRoot(tasksEnv), {
    service: 'tasks',
    natsUrl: tasksEnv.NATS_URL,
  });
  app.useLogger(false);
  await app.listen();
  return app;
}
