import { databaseNameSchema, parseServiceEnv, serviceEnvFields } from '@aiplat/messaging';
import { z } from 'zod';

/** The tasks service's environment, validated at boot. */
export const tasksEnvSchema = z.object({
  ...serviceEnvFields,
  TASKS_DB: databaseNameSchema.default('tasks'),
  /** How often the supervision clock looks for overdue tasks (ms); 0 turns it off. */
  OVERDUE_CHECK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60 * 1000),
  /** How often supervision notices past their deadline are escalated (ms); defaults to the overdue clock's. */
  SUPERVISION_CHECK_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  /** Units report progress every month (`2020-07`) or every quarter (`2020-Q3`). */
  REPORT_CADENCE: z.enum(['month', 'quarter']).default('month'),
  /** Reports for a period are due this many days after it ends; later, they show as missing. */
  REPORT_DUE_DAYS: z.coerce.number().int().min(0).max(90).default(5),
  /** Lead time of the due-date reminder (task.due_soon), in days; 0 turns reminders off. */
  DUE_REMINDER_DAYS: z.coerce.number().int().min(0).max(90).default(3),
  /** How often lead reports not yet written onto their task are finished (ms); 0 turns it off. */
  REPORT_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
});
export type TasksEnv = z.infer<typeof tasksEnvSchema>;

export function loadTasksEnv(env: NodeJS.ProcessEnv = process.env): TasksEnv {
  return parseServiceEnv('tasks', tasksEnvSchema, env);
}

export const TASKS_ENV = Symbol('TASKS_ENV');
