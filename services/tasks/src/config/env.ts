import { z } from 'zod';

/** The tasks service's environment, validated at boot. */
export const tasksEnvSchema = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017/'),
  TASKS_DB: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .default('tasks'),
  /** Topology prefix (empty in production; tests give each suite its own). */
  AIPLAT_TOPOLOGY_PREFIX: z.string().default(''),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
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
  LOG_LEVEL: z.string().default('info'),
});
export type TasksEnv = z.infer<typeof tasksEnvSchema>;

export function loadTasksEnv(env: NodeJS.ProcessEnv = process.env): TasksEnv {
  const parsed = tasksEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid tasks environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

export const TASKS_ENV = Symbol('TASKS_ENV');
