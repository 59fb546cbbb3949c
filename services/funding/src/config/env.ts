import { databaseNameSchema, parseServiceEnv, serviceEnvFields } from '@aiplat/messaging';
import { z } from 'zod';

const delays = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
  .transform((s) => s.split(',').map(Number));

/** The funding service's environment, validated at boot. */
export const fundingEnvSchema = z.object({
  ...serviceEnvFields,
  FUNDING_DB: databaseNameSchema.default('funding'),
  /** Task events the check consumer handles at once (events of one task stay in order). */
  FUNDING_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Delays before the check of a failed event is tried again (ms). */
  FUNDING_CHECK_BACKOFF_MS: delays.default([1_000, 5_000, 15_000, 60_000]),
});
export type FundingEnv = z.infer<typeof fundingEnvSchema>;

export function loadFundingEnv(env: NodeJS.ProcessEnv = process.env): FundingEnv {
  return parseServiceEnv('funding', fundingEnvSchema, env);
}

export const FUNDING_ENV = Symbol('FUNDING_ENV');
