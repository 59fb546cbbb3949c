import { defineEvent, defineEventRegistry } from '@aiplat/contracts';
import { z } from 'zod';

/** A small event registry of the messaging tests' own, so they depend on no service's contracts. */
export const probeHappened = defineEvent({
  type: 'probe.happened',
  version: 1,
  source: 'probe',
  description: 'Test event',
  data: z.object({ n: z.number().int() }).strict(),
});

export const probeEvents = defineEventRegistry(probeHappened);
export type ProbeEvents = typeof probeEvents;
