import { DomainError, taskStatusSchema, unitIdSchema } from '@aiplat/contracts';
import { z } from 'zod';

/**
 * A key task (重点任务) of an annual work plan. Codes are `<plan year>-<section>.<item>` with one
 * more `.<n>` per level of sub-task (`2020-2.2.1`); a code is the task's business key, so
 * re-importing a plan finds the same tasks instead of adding new ones.
 *
 * Stored documents may not nest arrays (see docs/architecture.md), so every array element here
 * is a flat object.
 */
export const taskCodeSchema = z
  .string()
  .max(32)
  .regex(/^\d{4}-\d{1,2}(\.\d{1,2})+$/, 'a task code looks like 2020-3.2 or 2020-2.2.1');
export type TaskCode = z.infer<typeof taskCodeSchema>;

export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export const riskLevelSchema = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/** Where the task comes from in the policy text, e.g. 二、构建创新体系 (二), area 3. */
export const policySectionSchema = z
  .object({
    section: z.number().int().positive(),
    sectionTitle: z.string().min(1).max(200),
    item: z.number().int().positive(),
    /** The n-th ——-prefixed area inside the item, for sub-tasks. */
    area: z.number().int().positive().optional(),
  })
  .strict();
export type PolicySection = z.infer<typeof policySectionSchema>;

export const milestoneSchema = z
  .object({
    title: z.string().min(1).max(500),
    dueDate: z.iso.date(),
    done: z.boolean(),
    /** What shows it is done: a document reference, a link, a short statement. */
    evidence: z.string().min(1).max(2000).optional(),
  })
  .strict();
export type Milestone = z.infer<typeof milestoneSchema>;

export const TARGET_COMPARATORS = ['≥', '>'] as const;

/** A quantified goal, e.g. 人工智能核心产业规模超过100亿元 by 2020: { '>', 100, '亿元', 2020 }. */
export const targetSchema = z
  .object({
    /** Stable id of what is measured, e.g. `core_industry_scale`. */
    metric: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** The measure as the policy words it. */
    label: z.string().min(1).max(200),
    comparator: z.enum(TARGET_COMPARATORS),
    value: z.number().nonnegative(),
    /** As written: 亿元 is 100 million CNY; 个 is a count. */
    unit: z.string().min(1).max(16),
    year: z.number().int().min(2000).max(2100),
  })
  .strict();
export type Target = z.infer<typeof targetSchema>;

/** The person a responsible unit names for this task. */
export const unitContactSchema = z
  .object({
    unitId: unitIdSchema,
    name: z.string().min(1).max(100),
    phone: z.string().min(1).max(32).optional(),
    email: z.email().optional(),
  })
  .strict();
export type UnitContact = z.infer<typeof unitContactSchema>;

export const historyEntrySchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    /** Actor id of the person (or service) that made the move. */
    by: z.string().min(1).max(128),
    from: taskStatusSchema,
    to: taskStatusSchema,
    reason: z.string().min(1).max(2000).optional(),
  })
  .strict();
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const taskFields = z
  .object({
    id: z.string().min(1).max(64),
    code: taskCodeSchema,
    title: z.string().min(1).max(500),
    description: z.string().max(20_000),
    policySection: policySectionSchema.optional(),
    parentCode: taskCodeSchema.optional(),
    children: z.array(taskCodeSchema).max(50),
    leadUnitIds: z.array(unitIdSchema).min(1).max(32),
    coUnitIds: z.array(unitIdSchema).max(32),
    contacts: z.array(unitContactSchema).max(64),
    startDate: z.iso.date().optional(),
    dueDate: z.iso.date().optional(),
    milestones: z.array(milestoneSchema).max(100),
    targets: z.array(targetSchema).max(50),
    /** Share of this task in its parent's progress; only the ratio between siblings matters. */
    weight: z.number().positive().max(1000),
    /** Percent done, 0–100. */
    progress: z.number().min(0).max(100),
    riskLevel: riskLevelSchema,
    status: taskStatusSchema,
    history: z.array(historyEntrySchema),
  })
  .strict();

type TaskFields = z.infer<typeof taskFields>;

function checkTask(task: Omit<TaskFields, 'id'>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const leads = new Set<string>(task.leadUnitIds);
  if (leads.size !== task.leadUnitIds.length) issue(['leadUnitIds'], 'a unit is listed twice');
  const cos = new Set<string>(task.coUnitIds);
  if (cos.size !== task.coUnitIds.length) issue(['coUnitIds'], 'a unit is listed twice');
  task.coUnitIds.forEach((id, i) => {
    if (leads.has(id)) issue(['coUnitIds', i], `${id} is already a lead unit`);
  });
  task.contacts.forEach((c, i) => {
    if (!leads.has(c.unitId) && !cos.has(c.unitId)) issue(['contacts', i, 'unitId'], `${c.unitId} is not on this task`);
  });
  if (task.startDate && task.dueDate && task.startDate > task.dueDate) {
    issue(['dueDate'], 'the due date is before the start date');
  }
  task.children.forEach((child, i) => {
    if (!child.startsWith(`${task.code}.`)) issue(['children', i], `${child} is not a sub-task code of ${task.code}`);
  });
  if (task.parentCode && !task.code.startsWith(`${task.parentCode}.`)) {
    issue(['parentCode'], `${task.code} is not a sub-task code of ${task.parentCode}`);
  }
}

export const taskSchema = taskFields.superRefine(checkTask);
export type Task = z.infer<typeof taskSchema>;

/** A task before the repository gives it an id (what the importer and the create use case build). */
export const newTaskSchema = taskFields.omit({ id: true }).superRefine(checkTask);
export type NewTask = z.infer<typeof newTaskSchema>;

/** The facts about a sub-task that its parent's progress depends on. */
export type ProgressPart = Pick<Task, 'code' | 'weight' | 'progress' | 'status'>;

/**
 * The parent's progress as the weighted mean of its children's. Cancelled children no longer
 * count: the work they stood for will not be done, so it should not hold the parent back.
 * Without any counting child the parent keeps its own reported progress.
 */
export function rollUpProgress(parent: Pick<Task, 'code' | 'children' | 'progress'>, children: ProgressPart[]): number {
  const strangers = children.filter((c) => !parent.children.includes(c.code)).map((c) => c.code);
  if (strangers.length > 0) {
    throw new DomainError('validation', `${strangers.join(', ')} are not sub-tasks of ${parent.code}`);
  }
  const counted = children.filter((c) => c.status !== 'cancelled');
  const totalWeight = counted.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight === 0) return parent.progress;
  return counted.reduce((sum, c) => sum + c.weight * c.progress, 0) / totalWeight;
}
