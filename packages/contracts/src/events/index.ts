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

import {
  allocationApproved,
  allocationEligibilityChecked,
  allocationRejected,
  allocationReviewRequested,
  allocationSubmitted,
  budgetChanged,
  fundingCheckRecorded,
  trancheCancelled,
  trancheDisbursed,
  trancheHeld,
  tranchePayable,
  trancheReleased,
} from './funding-events';
import {
  consultationClosed,
  consultationHeld,
  consultationOpened,
  consultationScheduled,
  resolutionAdopted,
  resolutionDone,
} from './consultation-events';
import {
  talentDeclined,
  talentIdentified,
  talentOnboarded,
  talentPackageAccepted,
  talentPackageOffered,
  talentStageChanged,
} from './talent-events';
import {
  adviceRecorded,
  expertAppointed,
  expertSuspended,
  recommendationResponded,
  reviewAssigned,
  reviewConcluded,
  reviewDeclined,
  reviewOverdue,
  reviewReminded,
  reviewRequested,
  reviewScored,
} from './committee-events';

export * from './task-events';
export * from './supervision-events';
export * from './report-events';
export * from './funding-events';
export * from './consultation-events';
export * from './talent-events';
export * from './committee-events';

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
  allocationSubmitted,
  allocationEligibilityChecked,
  allocationReviewRequested,
  allocationApproved,
  allocationRejected,
  trancheHeld,
  trancheReleased,
  tranchePayable,
  trancheDisbursed,
  trancheCancelled,
  fundingCheckRecorded,
  budgetChanged,
  consultationOpened,
  consultationScheduled,
  consultationHeld,
  consultationClosed,
  resolutionAdopted,
  resolutionDone,
  talentIdentified,
  talentStageChanged,
  talentPackageOffered,
  talentPackageAccepted,
  talentOnboarded,
  talentDeclined,
  expertAppointed,
  expertSuspended,
  adviceRecorded,
  recommendationResponded,
  reviewRequested,
  reviewAssigned,
  reviewDeclined,
  reviewScored,
  reviewConcluded,
  reviewReminded,
  reviewOverdue,
);
export type PlatformEvents = typeof platformEvents;
