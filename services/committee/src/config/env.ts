import { z } from 'zod';

const delays = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
  .transform((s) => s.split(',').map(Number));

/** The committee service's environment, validated at boot. */
export const committeeEnvSchema = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017/'),
  COMMITTEE_DB: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .default('committee'),
  /** Topology prefix (empty in production; tests give each suite its own). */
  AIPLAT_TOPOLOGY_PREFIX: z.string().default(''),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Reviewers a panel aims for (fewer only when not enough eligible experts exist). */
  REVIEW_PANEL_SIZE: z.coerce.number().int().min(1).max(15).default(3),
  /** Days from opening to a review's deadline. */
  REVIEW_DEADLINE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Days before a review's deadline when members who have not scored are reminded (0 = no reminder). */
  REVIEW_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  /** How often the review clock looks for reviews past their deadline (ms; 0 = off). */
  REVIEW_CLOCK_INTERVAL_MS: z.coerce.number().int().min(0).default(600_000),
  /** Delays before a failed review-opening event is tried again (ms). */
  REVIEW_CONSUMER_BACKOFF_MS: delays.default([1_000, 5_000, 15_000, 60_000]),
  LOG_LEVEL: z.string().default('info'),
});
export type CommitteeEnv = z.infer<typeof committeeEnvSchema>;

export function loadCommitteeEnv(env: NodeJS.ProcessEnv = process.env): CommitteeEnv {
  const parsed = committeeEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid committee environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

export const COMMITTEE_ENV = Symbol('COMMITTEE_ENV');
