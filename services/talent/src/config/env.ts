import { databaseNameSchema, parseServiceEnv, serviceEnvFields } from '@aiplat/messaging';
import { z } from 'zod';

const delays = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
  .transform((s) => s.split(',').map(Number));

/** The talent service's environment, validated at boot. */
export const talentEnvSchema = z.object({
  ...serviceEnvFields,
  TALENT_DB: databaseNameSchema.default('talent'),
  /** A record with no activity for this many days, still in the pipeline, is flagged stalled. */
  TALENT_STALL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often allocation requests funding did not confirm are asked again (ms); 0 turns it off. */
  TALENT_RETRY_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /** Delays before a failed funding event is tried again (ms). */
  TALENT_BACKOFF_MS: delays.default([1_000, 5_000, 15_000, 60_000]),
});
export type TalentEnv = z.infer<typeof talentEnvSchema>;

export function loadTalentEnv(env: NodeJS.ProcessEnv = process.env): TalentEnv {
  return parseServiceEnv('talent', talentEnvSchema, env);
}

export const TALENT_ENV = Symbol('TALENT_ENV');
