import { z } from 'zod';

const delays = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
  .transform((s) => s.split(',').map(Number));

/** The funding service's environment, validated at boot. */
export const fundingEnvSchema = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017/'),
  FUNDING_DB: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .default('funding'),
  /** Topology prefix (empty in production; tests give each suite its own). */
  AIPLAT_TOPOLOGY_PREFIX: z.string().default(''),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Task events the check consumer handles at once (events of one task stay in order). */
  FUNDING_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Delays before the check of a failed event is tried again (ms). */
  FUNDING_CHECK_BACKOFF_MS: delays.default([1_000, 5_000, 15_000, 60_000]),
  LOG_LEVEL: z.string().default('info'),
});
export type FundingEnv = z.infer<typeof fundingEnvSchema>;

export function loadFundingEnv(env: NodeJS.ProcessEnv = process.env): FundingEnv {
  const parsed = fundingEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid funding environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

export const FUNDING_ENV = Symbol('FUNDING_ENV');
