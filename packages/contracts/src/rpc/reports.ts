import { z } from 'zod';
import { reportPeriodSchema, reportStatusSchema } from '../events/report-events';
import { defineRpc } from '../registry';
import { unitIdSchema } from '../units';
import { rpcSubject } from '../subjects';
import { requestContextSchema, taskCodeParam, taskDetailSchema } from './tasks';

/**
 * Progress reports (进展报告), the missing-report view, office edits of a task and the progress
 * ledger, served by the tasks service. Bureau staff see only their own unit's reports.
 */

const text = (max: number) => z.string().min(1).max(max);

/** `<task code>_<unit id>_<period>`: one report per task, unit and period. */
export const reportIdSchema = z
  .string()
  .max(128)
  .regex(
    /^\d{4}-\d+(\.\d+)*_[a-z0-9-]+_\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/,
    'a report id such as 2020-3.2_city-economy-it_2020-07',
  );

export const REPORT_ACTIONS = ['resubmit', 'return'] as const;
export const reportActionSchema = z.enum(REPORT_ACTIONS);

export const milestoneUpdateSchema = z
  .object({
    /** The milestone's title as it stands on the task. */
    title: text(500),
    done: z.literal(true),
    evidence: text(2000).optional(),
  })
  .strict();

export const reportViewSchema = z.object({
  id: z.string(),
  taskCode: z.string(),
  taskTitle: z.string(),
  unitId: z.string(),
  /** Written by a lead unit (it set the task's progress) rather than a co-responsible one. */
  lead: z.boolean(),
  period: z.string(),
  narrative: z.string(),
  progress: z.number(),
  milestoneUpdates: z.array(z.object({ title: z.string(), done: z.boolean(), evidence: z.string().optional() })),
  problems: z.string().optional(),
  coordinationRequests: z.string().optional(),
  status: reportStatusSchema,
  submittedBy: z.string(),
  submittedAt: z.string(),
  /** 1 for the first submission, +1 per resubmission after a return. */
  revision: z.number().int(),
  returnComment: z.string().optional(),
  returnedBy: z.string().optional(),
  returnedAt: z.string().optional(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), comment: z.string().optional() })),
  allowedActions: z.array(reportActionSchema),
  version: z.number().int(),
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const submitReportRpc = defineRpc({
  subject: rpcSubject('tasks', 'report', 'submit'),
  service: 'tasks',
  description:
    'A lead or co-responsible unit submits its progress report for a period (again after a return). A lead unit’s report sets the task’s progress and milestones; the parent’s progress is rolled up.',
  request: z
    .object({
      context: requestContextSchema,
      code: taskCodeParam,
      period: reportPeriodSchema,
      narrative: text(20_000),
      progress: z.number().min(0).max(100),
      milestoneUpdates: z.array(milestoneUpdateSchema).max(100).optional(),
      problems: text(5_000).optional(),
      coordinationRequests: text(5_000).optional(),
    })
    .strict(),
  response: reportViewSchema,
});

export const returnReportRpc = defineRpc({
  subject: rpcSubject('tasks', 'report', 'return'),
  service: 'tasks',
  description: 'The office returns a submitted progress report to its unit for rework, with a comment.',
  request: z
    .object({
      context: requestContextSchema,
      id: reportIdSchema,
      comment: text(2000),
      expectedVersion: z.number().int().nonnegative().optional(),
    })
    .strict(),
  response: reportViewSchema,
});

export const getReportRpc = defineRpc({
  subject: rpcSubject('tasks', 'report', 'get'),
  service: 'tasks',
  description: 'One progress report with its history and what the asking user may do with it.',
  request: z.object({ context: requestContextSchema, id: reportIdSchema }).strict(),
  response: reportViewSchema,
});

export const listReportsRpc = defineRpc({
  subject: rpcSubject('tasks', 'report', 'list'),
  service: 'tasks',
  description: 'Progress reports visible to the asking user, by task, unit and period, filtered and paged.',
  request: z
    .object({
      context: requestContextSchema,
      filter: z
        .object({
          taskCode: taskCodeParam.optional(),
          unitId: z.string().max(64).optional(),
          period: reportPeriodSchema.optional(),
          status: reportStatusSchema.optional(),
        })
        .strict(),
      limit: z.number().int().min(1).max(500),
      after: reportIdSchema.optional(),
    })
    .strict(),
  response: z.object({ items: z.array(reportViewSchema), next: z.string().optional() }),
});

export const missingReportSchema = z.object({
  taskCode: z.string(),
  taskTitle: z.string(),
  unitId: z.string(),
  taskStatus: z.string(),
  dueDate: z.string().optional(),
});

export const missingReportsRpc = defineRpc({
  subject: rpcSubject('tasks', 'report', 'missing'),
  service: 'tasks',
  description:
    'Reports due but missing: for a period (default: the latest whose reporting deadline has passed), each open task and lead unit with no report.',
  request: z
    .object({
      context: requestContextSchema,
      period: reportPeriodSchema.optional(),
      unitId: z.string().max(64).optional(),
    })
    .strict(),
  response: z.object({
    period: z.string(),
    /** The day reports for the period were due. */
    dueBy: z.string(),
    items: z.array(missingReportSchema),
  }),
});

export const taskEditSchema = z
  .object({
    description: z.string().max(20_000).optional(),
    startDate: z.iso.date().optional(),
    dueDate: z.iso.date().optional(),
    weight: z.number().positive().max(1000).optional(),
    riskLevel: z.enum(['none', 'low', 'medium', 'high']).optional(),
    contacts: z
      .array(
        z
          .object({
            unitId: unitIdSchema,
            name: text(100),
            phone: text(32).optional(),
            email: z.email().optional(),
          })
          .strict(),
      )
      .max(64)
      .optional(),
    /** The full milestone list: a milestone keeps its done state and evidence when its title stays. */
    milestones: z
      .array(z.object({ title: text(500), dueDate: z.iso.date() }).strict())
      .max(100)
      .optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'nothing to change');

export const updateTaskRpc = defineRpc({
  subject: rpcSubject('tasks', 'task', 'update'),
  service: 'tasks',
  description:
    'The office edits a task’s details (description, dates, contacts, milestones, weight, risk level); emits task.updated.',
  request: z
    .object({
      context: requestContextSchema,
      code: taskCodeParam,
      changes: taskEditSchema,
      expectedVersion: z.number().int().nonnegative().optional(),
    })
    .strict(),
  response: taskDetailSchema,
});

export const ledgerRowSchema = z.object({
  code: z.string(),
  title: z.string(),
  parentCode: z.string().optional(),
  section: z.string().optional(),
  leadUnitIds: z.array(z.string()),
  coUnitIds: z.array(z.string()),
  contacts: z.array(z.object({ unitId: z.string(), name: z.string(), phone: z.string().optional() })),
  status: z.string(),
  startDate: z.string().optional(),
  dueDate: z.string().optional(),
  progress: z.number(),
  riskLevel: z.string(),
  overdue: z.boolean(),
  milestonesDone: z.number().int(),
  milestonesTotal: z.number().int(),
  targets: z.array(z.string()),
  lastReportPeriod: z.string().optional(),
  lastReportAt: z.string().optional(),
  lastReportUnitId: z.string().optional(),
  lastReportNarrative: z.string().optional(),
  openProblems: z.string().optional(),
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

export const taskLedgerRpc = defineRpc({
  subject: rpcSubject('tasks', 'task', 'ledger'),
  service: 'tasks',
  description:
    'The responsibility list and progress ledger of a year: one row per task visible to the asking user, with its units, contacts, dates, progress and latest report (for CSV/Excel export).',
  request: z
    .object({
      context: requestContextSchema,
      year: z.number().int().min(2000).max(2100),
      unitId: z.string().max(64).optional(),
    })
    .strict(),
  response: z.object({ year: z.number(), rows: z.array(ledgerRowSchema) }),
});

export const reportsRpcs = [
  submitReportRpc,
  returnReportRpc,
  getReportRpc,
  listReportsRpc,
  missingReportsRpc,
  updateTaskRpc,
  taskLedgerRpc,
] as const;
