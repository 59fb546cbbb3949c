import { defineEventRegistry } from '../registry';
import { planPublished, taskOverdueFlagged, taskStatusChanged } from './task-events';

export * from './task-events';

/**
 * Every domain event of the platform. Producers and consumers both import this:
 * a payload is validated against the same schema on both sides.
 * Each service issue adds its events here (and the catalogue is regenerated).
 */
export const platformEvents = defineEventRegistry(taskStatusChanged, taskOverdueFlagged, planPublished);
export type PlatformEvents = typeof platformEvents;
