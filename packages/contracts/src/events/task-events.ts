import { z } from 'zod';
import { defineEvent } from '../registry';

export const TASK_STATUSES = [
  'draft',
  'assigned',
  'in_progress',
  'at_risk',
  'completed',
  'accepted',
  'cancelled',
] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

const unitIds = z.array(z.string().min(1).max(64)).max(32);

export const taskStatusChanged = defineEvent({
  type: 'task.status_changed',
  version: 1,
  source: 'tasks',
  description:
    'A key task moved in its workflow (e.g. in_progress → at_risk, completed → accepted). Drives funding checks and consultation records.',
  consumers: ['funding', 'consultations', 'committee'],
  data: z
    .object({
      taskId: z.string().min(1).max(64),
      code: z.string().min(1).max(32),
      title: z.string().min(1).max(500),
      from: taskStatusSchema,
      to: taskStatusSchema,
      reason: z.string().max(2000).optional(),
      leadUnitIds: unitIds.min(1),
      coUnitIds: unitIds,
      dueDate: z.iso.date().optional(),
    })
    .strict(),
});

export const taskOverdueFlagged = defineEvent({
  type: 'task.overdue_flagged',
  version: 1,
  source: 'tasks',
  description:
    'The supervision clock found a task (or one of its milestones) past its due date unfinished. Funding holds tranches; consultations opens a record.',
  consumers: ['funding', 'consultations'],
  data: z
    .object({
      taskId: z.string().min(1).max(64),
      code: z.string().min(1).max(32),
      title: z.string().min(1).max(500),
      status: taskStatusSchema,
      dueDate: z.iso.date(),
      milestone: z.string().max(500).optional(),
      leadUnitIds: unitIds.min(1),
    })
    .strict(),
});

export const planPublished = defineEvent({
  type: 'plan.published',
  version: 1,
  source: 'tasks',
  description:
    'The office published an annual work plan (年度工作要点): its draft tasks are assigned to their units. Each published version is kept.',
  consumers: [],
  data: z
    .object({
      year: z.number().int(),
      title: z.string().min(1).max(500),
      publishedVersion: z.number().int().positive(),
      taskCodes: z.array(z.string().min(1).max(32)).max(1000),
      targets: z.number().int().nonnegative(),
    })
    .strict(),
});
