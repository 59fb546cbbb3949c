import type { INestMicroservice } from '@nestjs/common';
import { loadTasksEnv } from '../../tasks/src/config/env';
import { TasksModule } from '../../tasks/src/tasks.module';
import { startServiceInProcess } from './service-starter';

/**
 * The tasks service in this process, on the suite's own database and streams.
 * Its clocks are off (tests run them by hand), so nothing changes a task behind
 * a test's back. Suites run one at a time (fileParallelism: false), so this is
 * the only tasks service answering on the shared NATS server.
 */
export function startTasksService(env: Record<string, string> = {}): Promise<INestMicroservice> {
  return startServiceInProcess({
    service: 'tasks',
    dbVariable: 'TASKS_DB',
    load: loadTasksEnv,
    module: (e) => TasksModule.forRoot(e),
    defaults: { OVERDUE_CHECK_INTERVAL_MS: '0', REPORT_SWEEP_INTERVAL_MS: '0' },
    env,
  });
}
