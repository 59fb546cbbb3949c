import { databaseNameSchema, parseServiceEnv, serviceEnvFields } from '@aiplat/messaging';
import { z } from 'zod';

const delays = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
  .transform((s) => s.split(',').map(Number));

/** The consultations service's environment, validated at boot. */
export const consultationsEnvSchema = z.object({
  ...serviceEnvFields,
  CONSULTATIONS_DB: databaseNameSchema.default('consultations'),
  /** Task events the record consumer handles at once (events of one task stay in order). */
  CONSULTATIONS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Delays before a failed event is tried again (ms). */
  CONSULTATIONS_BACKOFF_MS: delays.default([1_000, 5_000, 15_000, 60_000]),
});
export type ConsultationsEnv = z.infer<typeof consultationsEnvSchema>;

export function loadConsultationsEnv(env: NodeJS.ProcessEnv = process.env): ConsultationsEnv {
  return parseServiceEnv('consultations', consultationsEnvSchema, env);
}

export const CONSULTATIONS_ENV = Symbol('CONSULTATIONS_ENV');
