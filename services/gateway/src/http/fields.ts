import { z } from 'zod';

/** Text a person writes: trimmed, not empty, bounded. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** A platform unit id as a filter or field (`city-economy-it`); the service checks it exists. */
export const unitIdField = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/)
  .max(64);
