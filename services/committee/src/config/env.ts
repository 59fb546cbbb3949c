import { databaseNameSchema, parseServiceEnv, serviceEnvFields } from '@aiplat/messaging';
import { z } from 'zod';

const delays = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
  .transform((s) => s.split(',').map(Number));

/** The committee service's environment, validated at boot. */
export const committeeEnvSchema = z.object({
  ...serviceEnvFields,
  COMMITTEE_DB: databaseNameSchema.default('committee'),
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
});
export type CommitteeEnv = z.infer<typeof committeeEnvSchema>;

export function loadCommitteeEnv(env: NodeJS.ProcessEnv = process.env): CommitteeEnv {
  return parseServiceEnv('committee', committeeEnvSchema, env);
}

export const COMMITTEE_ENV = Symbol('COMMITTEE_ENV');
