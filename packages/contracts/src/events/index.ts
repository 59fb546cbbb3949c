import { defineEventRegistry } from '../registry';
import { planPublished, taskOverdueFlagged, taskStatusChanged } from './task-events';
import {
  supervisionNoticeEscalated,
  supervisionNoticeResponded,
  supervisionNoticeSent,
  taskExtensionDecided,
  taskExtensionRequested,
} from './supervision-events';
import {
  taskCreated,
  taskDueSoon,
  taskMilestoneCompleted,
  taskProgressReported,
  taskReportReturned,
  taskUpdated,
} from './report-events';

export * from './task-events';
export * from './supervision-events';
export * from './report-events';

/**
 * Every domain event of the platform. Producers and consumers both import this:
 * a payload is validated against the same schema on both sides.
 * Each service issue adds its events here (and the catalogue is regenerated).
 */
export const platformEvents = defineEventRegistry(
  taskStatusChanged,
  taskOverdueFlagged,
  planPublished,
  supervisionNoticeSent,
  supervisionNoticeResponded,
  supervisionNoticeEscalated,
  taskExtensionRequested,
  taskExtensionDecided,
  taskCreated,
  taskUpdated,
  taskProgressReported,
  taskReportReturned,
  taskMilestoneCompleted,
  taskDueSoon,
);
export type PlatformEvents = typeof platformEvents;
