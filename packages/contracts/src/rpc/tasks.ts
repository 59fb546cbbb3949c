import { z } from 'zod';
import { actorSchema } from '../envelope';
import { taskStatusSchema } from '../events/task-events';
import { defineRpc } from '../registry';
import { rpcSubject } from '../subjects';

/** Who asks and under which request id: every command and query carries it, so services scope and correlate. */
export const requestContextSchema = z.object({ actor: actorSchema, requestId: z.string().min(1).max(128) }).strict();
export type RequestContext = z.infer<typeof requestContextSchema>;

/** As long as the events that carry a task code allow (32 characters). */
export const taskCodeParam = z
  .string()
  .max(32)
  .regex(/^\d{4}-\d+(\.\d+)*$/, 'a task code such as 2020-3.2');
export const TASK_MOVE_NAMES = [
  'assign',
  'start',
  'flag_risk',
  'recover',
  'complete',
  'accept',
  'send_back',
  'cancel',
] as const;
export const taskMoveSchema = z.enum(TASK_MOVE_NAMES);

export const taskSummarySchema = z.object({
  code: z.string(),
  title: z.string(),
  status: taskStatusSchema,
  parentCode: z.string().optional(),
  leadUnitIds: z.array(z.string()),
  coUnitIds: z.array(z.string()),
  dueDate: z.string().optional(),
  progress: z.number(),
  riskLevel: z.string(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;

/** A measurable target (e.g. ≥ 10 application scenarios by 2020). */
export const targetViewSchema = z.object({
  metric: z.string(),
  label: z.string(),
  comparator: z.string(),
  value: z.number(),
  unit: z.string(),
  year: z.number(),
});

export const taskDetailSchema = taskSummarySchema.extend({
  description: z.string(),
  policySection: z
    .object({ section: z.number(), sectionTitle: z.string(), item: z.number(), area: z.number().optional() })
    .optional(),
  children: z.array(z.string()),
  /** The person each responsible unit names for the task. */
  contacts: z.array(
    z.object({ unitId: z.string(), name: z.string(), phone: z.string().optional(), email: z.string().optional() }),
  ),
  startDate: z.string().optional(),
  milestones: z.array(
    z.object({ title: z.string(), dueDate: z.string(), done: z.boolean(), evidence: z.string().optional() }),
  ),
  targets: z.array(targetViewSchema),
  weight: z.number(),
  history: z.array(
    z.object({ at: z.string(), by: z.string(), from: z.string(), to: z.string(), reason: z.string().optional() }),
  ),
  /** Changes other than status moves: edits, reported progress, milestones done, roll-ups. */
  activity: z.array(z.object({ at: z.string(), by: z.string(), kind: z.string(), detail: z.string() })),
  /** The expert committee's acceptance appraisal, once concluded. */
  appraisal: z
    .object({
      reviewId: z.string(),
      conclusion: z.string(),
      summary: z.string(),
      conditions: z.string().optional(),
      weightedScore: z.number(),
      panelSize: z.number().int(),
      at: z.string(),
    })
    .optional(),
  /** The moves the asking user may make now (the console shows these as buttons). */
  allowedMoves: z.array(taskMoveSchema),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const listTasksRpc = defineRpc({
  subject: rpcSubject('tasks', 'task', 'list'),
  service: 'tasks',
  description: 'Key tasks visible to the asking user (bureau staff: their own unit’s), filtered and paged.',
  request: z
    .object({
      context: requestContextSchema,
      filter: z
        .object({
          status: taskStatusSchema.optional(),
          unitId: z.string().max(64).optional(),
          year: z.number().int().min(2000).max(2100).optional(),
          topLevelOnly: z.boolean().optional(),
          /** Past its due date (or a milestone's) unfinished. */
          overdue: z.boolean().optional(),
          riskLevel: z.enum(['none', 'low', 'medium', 'high']).optional(),
          /** The policy section the task comes from (二 → 2). */
          section: z.number().int().min(1).max(99).optional(),
          /** Words to find in the code, title or description. */
          q: z.string().min(1).max(100).optional(),
        })
        .strict(),
      limit: z.number().int().min(1).max(500),
      after: taskCodeParam.optional(),
    })
    .strict(),
  response: z.object({ items: z.array(taskSummarySchema), next: z.string().optional() }),
});

export const getTaskRpc = defineRpc({
  subject: rpcSubject('tasks', 'task', 'get'),
  service: 'tasks',
  description: 'One key task with its milestones, targets, history and the moves the asking user may make.',
  request: z.object({ context: requestContextSchema, code: taskCodeParam }).strict(),
  response: taskDetailSchema,
});

export const moveTaskRpc = defineRpc({
  subject: rpcSubject('tasks', 'task', 'move'),
  service: 'tasks',
  description:
    'Moves a task in its workflow; emits task.status_changed. Refused with the allowed moves when not allowed.',
  request: z
    .object({
      context: requestContextSchema,
      code: taskCodeParam,
      move: taskMoveSchema,
      reason: z.string().min(1).max(2000).optional(),
      /** The version the caller saw; a stale one is refused (409) instead of overwriting a newer change. */
      expectedVersion: z.number().int().nonnegative().optional(),
    })
    .strict(),
  response: taskDetailSchema,
});

export const importPolicyRpc = defineRpc({
  subject: rpcSubject('tasks', 'plan', 'import'),
  service: 'tasks',
  description:
    'Reads a policy text in the shape of the seed and creates the draft work plan and its tasks; re-importing adds nothing twice.',
  request: z
    .object({
      context: requestContextSchema,
      year: z.number().int().min(2000).max(2100),
      text: z.string().min(1).max(500_000),
    })
    .strict(),
  response: z.object({
    year: z.number(),
    title: z.string(),
    created: z.array(z.string()),
    unchanged: z.array(z.string()),
    targets: z.number().int(),
    unknownUnits: z.array(z.object({ name: z.string(), taskCode: z.string() })),
  }),
});

export const planViewSchema = z.object({
  year: z.number(),
  title: z.string(),
  state: z.enum(['draft', 'published', 'closed']),
  targets: z.array(targetViewSchema),
  tasksByStatus: z.record(z.string(), z.number()),
  publishedVersions: z.array(
    z.object({ version: z.number(), at: z.string(), by: z.string(), taskCodes: z.array(z.string()) }),
  ),
});

export const getPlanRpc = defineRpc({
  subject: rpcSubject('tasks', 'plan', 'get'),
  service: 'tasks',
  description: 'A year’s work plan: state, targets, task counts by status, published versions.',
  request: z.object({ context: requestContextSchema, year: z.number().int().min(2000).max(2100) }).strict(),
  response: planViewSchema,
});

export const publishPlanRpc = defineRpc({
  subject: rpcSubject('tasks', 'plan', 'publish'),
  service: 'tasks',
  description:
    'Publishes a work plan: assigns its draft tasks (each emits task.status_changed) and emits plan.published.',
  request: z.object({ context: requestContextSchema, year: z.number().int().min(2000).max(2100) }).strict(),
  response: planViewSchema,
});

export const createFollowUpTaskRpc = defineRpc({
  subject: rpcSubject('tasks', 'task', 'create_follow_up'),
  service: 'tasks',
  description:
    'Creates a follow-up key task, assigned to its lead unit, for a consultation resolution (or another source). Idempotent per source key: asking again returns the same task.',
  request: z
    .object({
      context: requestContextSchema,
      /** What the task follows up, e.g. `resolution:<id>`: one task per key, ever. */
      sourceKey: z.string().min(1).max(128),
      title: z.string().min(1).max(500),
      description: z.string().max(20_000),
      leadUnitIds: z.array(z.string().min(1).max(64)).min(1).max(32),
      dueDate: z.iso.date(),
      year: z.number().int().min(2000).max(2100),
    })
    .strict(),
  response: taskDetailSchema,
});

export const tasksRpcs = [
  listTasksRpc,
  getTaskRpc,
  moveTaskRpc,
  importPolicyRpc,
  getPlanRpc,
  publishPlanRpc,
  createFollowUpTaskRpc,
] as const;
