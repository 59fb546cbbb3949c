import { z } from 'zod';
import { defineEvent } from '../registry';

/**
 * Progress reports (进展报告), milestones, task edits and due-date reminders of key tasks,
 * produced by the tasks service.
 *
 * A report is written by a lead or co-responsible unit for one period (a month `2020-07` or a
 * quarter `2020-Q3`): `submitted → returned → submitted …` — the office returns it for rework
 * with a comment, the unit submits it again. A lead unit's report also updates the task's
 * progress and milestones; a co-responsible unit's report is its account, kept on the task.
 */
export const REPORT_STATUSES = ['submitted', 'returned'] as const;
export const reportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** `2020-07` (a month) or `2020-Q3` (a quarter), of the years 2000–2099 the work plans cover. */
export const reportPeriodSchema = z
  .string()
  .regex(/^20\d{2}-(0[1-9]|1[0-2]|Q[1-4])$/, 'a period such as 2020-07 (month) or 2020-Q3 (quarter), years 2000–2099');

const unitIds = z.array(z.string().min(1).max(64)).max(32);

const taskFacts = {
  taskId: z.string().min(1).max(64),
  code: z.string().min(1).max(32),
  title: z.string().min(1).max(500),
  leadUnitIds: unitIds.min(1),
};

export const taskCreated = defineEvent({
  type: 'task.created',
  version: 1,
  source: 'tasks',
  description: 'A key task was created (by the policy importer, as a draft of its year’s work plan).',
  consumers: [],
  data: z
    .object({
      ...taskFacts,
      coUnitIds: unitIds,
      planYear: z.number().int(),
      parentCode: z.string().min(1).max(32).optional(),
      dueDate: z.iso.date().optional(),
    })
    .strict(),
});

export const taskUpdated = defineEvent({
  type: 'task.updated',
  version: 1,
  source: 'tasks',
  description:
    'A key task’s details changed: the office edited it (dates, contacts, milestones, weight, risk) or its progress changed — reported by a lead unit or rolled up from its sub-tasks.',
  consumers: [],
  data: z
    .object({
      ...taskFacts,
      /** Names of the fields that changed, e.g. ['progress'] or ['dueDate', 'milestones']. */
      changed: z.array(z.string().min(1).max(32)).min(1).max(20),
      progress: z.number().min(0).max(100),
      riskLevel: z.string().min(1).max(16),
      dueDate: z.iso.date().optional(),
    })
    .strict(),
});

export const taskProgressReported = defineEvent({
  type: 'task.progress_reported',
  version: 1,
  source: 'tasks',
  description:
    'A lead or co-responsible unit submitted (or resubmitted) its progress report for a period; `lead` says whether it set the task’s progress.',
  consumers: [],
  data: z
    .object({
      ...taskFacts,
      reportId: z.string().min(1).max(128),
      unitId: z.string().min(1).max(64),
      period: reportPeriodSchema,
      progress: z.number().min(0).max(100),
      lead: z.boolean(),
      resubmission: z.boolean(),
      /** The unit asks the office or other units to coordinate something. */
      coordinationRequested: z.boolean(),
    })
    .strict(),
});

export const taskReportReturned = defineEvent({
  type: 'task.report_returned',
  version: 1,
  source: 'tasks',
  description: 'The office returned a progress report to its unit for rework, with a comment.',
  consumers: [],
  data: z
    .object({
      ...taskFacts,
      reportId: z.string().min(1).max(128),
      unitId: z.string().min(1).max(64),
      period: reportPeriodSchema,
      comment: z.string().min(1).max(2000),
    })
    .strict(),
});

export const taskMilestoneCompleted = defineEvent({
  type: 'task.milestone_completed',
  version: 1,
  source: 'tasks',
  description:
    'A lead unit reported a milestone of a key task done, with its evidence. Funding may make a tranche tied to it payable.',
  consumers: ['funding'],
  data: z
    .object({
      ...taskFacts,
      milestone: z.string().min(1).max(500),
      milestoneDueDate: z.iso.date(),
      evidence: z.string().max(2000).optional(),
      /** Done after its due date. */
      late: z.boolean(),
    })
    .strict(),
});

export const taskDueSoon = defineEvent({
  type: 'task.due_soon',
  version: 1,
  source: 'tasks',
  description:
    'Reminder: a key task (or one of its milestones) falls due within the configured lead time and is not finished. Sent once per due date.',
  consumers: [],
  data: z
    .object({
      ...taskFacts,
      coUnitIds: unitIds,
      status: z.string().min(1).max(16),
      dueDate: z.iso.date(),
      milestone: z.string().max(500).optional(),
      daysLeft: z.number().int().nonnegative(),
    })
    .strict(),
});
