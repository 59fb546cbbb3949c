import type { Provider } from '@nestjs/common';
import { TASKS_ENV, type TasksEnv } from '../config/env';

export interface SupervisionEnv {
  readonly checkIntervalMs: number;
}

/**
 * The supervision clock's interval: `SUPERVISION_CHECK_INTERVAL_MS`, or the overdue clock's
 * when unset, so a deployment or a test that stops one clock stops both unless it says otherwise.
 */
export function supervisionEnvOf(
  env: Pick<TasksEnv, 'OVERDUE_CHECK_INTERVAL_MS' | 'SUPERVISION_CHECK_INTERVAL_MS'>,
): SupervisionEnv {
  return { checkIntervalMs: env.SUPERVISION_CHECK_INTERVAL_MS ?? env.OVERDUE_CHECK_INTERVAL_MS };
}

export const SUPERVISION_ENV = Symbol('SUPERVISION_ENV');

export const supervisionEnvProvider: Provider = {
  provide: SUPERVISION_ENV,
  inject: [TASKS_ENV],
  useFactory: (env: TasksEnv) => supervisionEnvOf(env),
};
