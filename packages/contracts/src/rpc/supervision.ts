import { z } from 'zod';
import { extensionStatusSchema, noticeStatusSchema } from '../events/supervision-events';
import { defineRpc } from '../registry';
import { rpcSubject } from '../subjects';
import { requestContextSchema, taskCodeParam } from './tasks';

/**
 * Supervision notices (督办) and extension requests of key tasks, served by the tasks service.
 * Bureau staff see only the notices and requests of tasks their unit leads or co-owns.
 */

/** Text a person writes: trimmed by the gateway, bounded here. */
const text = (max: number) => z.string().min(1).max(max);

/** A page cursor: the `next` of the previous page, passed back as it is. */
export const supervisionCursorSchema = z
  .string()
  .max(80)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/, 'the `next` of a previous page');

export const NOTICE_ACTIONS = ['respond', 'close'] as const;
export const noticeActionSchema = z.enum(NOTICE_ACTIONS);

export const noticeViewSchema = z.object({
  id: z.string(),
  taskCode: z.string(),
  taskTitle: z.string(),
  leadUnitIds: z.array(z.string()),
  coUnitIds: z.array(z.string()),
  reason: z.string(),
  requiredResponse: z.string(),
  deadline: z.string(),
  status: noticeStatusSchema,
  /** The deadline has passed and no response came. */
  overdue: z.boolean(),
  sentBy: z.string(),
  sentAt: z.string(),
  escalatedAt: z.string().optional(),
  response: z
    .object({
      text: z.string(),
      evidence: z.string().optional(),
      by: z.string(),
      unitId: z.string(),
      at: z.string(),
      late: z.boolean(),
    })
    .optional(),
  closedBy: z.string().optional(),
  closedAt: z.string().optional(),
  closeComment: z.string().optional(),
  /** Every change of status: who, when, from, to, and the comment if any. */
  history: z.array(
    z.object({ at: z.string(), by: z.string(), from: z.string(), to: z.string(), comment: z.string().optional() }),
  ),
  /** What the asking user may do now (the console shows these as buttons). */
  allowedActions: z.array(noticeActionSchema),
  version: z.number().int(),
});
export type NoticeView = z.infer<typeof noticeViewSchema>;

export const extensionViewSchema = z.object({
  id: z.string(),
  taskCode: z.string(),
  taskTitle: z.string(),
  leadUnitIds: z.array(z.string()),
  coUnitIds: z.array(z.string()),
  status: extensionStatusSchema,
  reason: z.string(),
  /** The task's due date when the request was made. */
  currentDueDate: z.string().optional(),
  requestedDueDate: z.string(),
  requestedBy: z.string(),
  unitId: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  decisionReason: z.string().optional(),
  version: z.number().int(),
});
export type ExtensionView = z.infer<typeof extensionViewSchema>;

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().optional() });

export const sendNoticeRpc = defineRpc({
  subject: rpcSubject('tasks', 'supervision', 'send'),
  service: 'tasks',
  description:
    'The office sends a supervision notice on a key task (reason, required response, deadline); emits supervision.notice_sent.',
  request: z
    .object({
      context: requestContextSchema,
      code: taskCodeParam,
      reason: text(2000),
      requiredResponse: text(2000),
      deadline: z.iso.date(),
    })
    .strict(),
  response: noticeViewSchema,
});

export const listNoticesRpc = defineRpc({
  subject: rpcSubject('tasks', 'supervision', 'list'),
  service: 'tasks',
  description: 'Supervision notices visible to the asking user (bureau staff: their unit’s tasks), newest first.',
  request: z
    .object({
      context: requestContextSchema,
      filter: z.object({ status: noticeStatusSchema.optional(), taskCode: taskCodeParam.optional() }).strict(),
      limit: z.number().int().min(1).max(500),
      after: supervisionCursorSchema.optional(),
    })
    .strict(),
  response: page(noticeViewSchema),
});

export const getNoticeRpc = defineRpc({
  subject: rpcSubject('tasks', 'supervision', 'get'),
  service: 'tasks',
  description: 'One supervision notice with its response and history.',
  request: z.object({ context: requestContextSchema, id: z.uuid() }).strict(),
  response: noticeViewSchema,
});

export const respondToNoticeRpc = defineRpc({
  subject: rpcSubject('tasks', 'supervision', 'respond'),
  service: 'tasks',
  description:
    'A lead unit of the task responds to an open or escalated notice; emits supervision.notice_responded. Refused with the allowed next states otherwise.',
  request: z
    .object({ context: requestContextSchema, id: z.uuid(), response: text(5000), evidence: text(5000).optional() })
    .strict(),
  response: noticeViewSchema,
});

export const closeNoticeRpc = defineRpc({
  subject: rpcSubject('tasks', 'supervision', 'close'),
  service: 'tasks',
  description: 'The office closes a responded notice, optionally with a comment.',
  request: z.object({ context: requestContextSchema, id: z.uuid(), comment: text(2000).optional() }).strict(),
  response: noticeViewSchema,
});

export const requestExtensionRpc = defineRpc({
  subject: rpcSubject('tasks', 'extension', 'request'),
  service: 'tasks',
  description:
    'A lead unit asks for a later due date of a key task; one pending request per task. Emits task.extension_requested.',
  request: z
    .object({ context: requestContextSchema, code: taskCodeParam, dueDate: z.iso.date(), reason: text(2000) })
    .strict(),
  response: extensionViewSchema,
});

export const listExtensionsRpc = defineRpc({
  subject: rpcSubject('tasks', 'extension', 'list'),
  service: 'tasks',
  description: 'Extension requests visible to the asking user (bureau staff: their unit’s tasks), newest first.',
  request: z
    .object({
      context: requestContextSchema,
      filter: z.object({ status: extensionStatusSchema.optional(), taskCode: taskCodeParam.optional() }).strict(),
      limit: z.number().int().min(1).max(500),
      after: supervisionCursorSchema.optional(),
    })
    .strict(),
  response: page(extensionViewSchema),
});

export const decideExtensionRpc = defineRpc({
  subject: rpcSubject('tasks', 'extension', 'decide'),
  service: 'tasks',
  description:
    'The office approves (the task’s due date changes, with a history entry) or rejects (a reason is required) a pending extension request; emits task.extension_decided.',
  request: z
    .object({ context: requestContextSchema, id: z.uuid(), approve: z.boolean(), reason: text(2000).optional() })
    .strict(),
  response: extensionViewSchema,
});

export const supervisionRpcs = [
  sendNoticeRpc,
  listNoticesRpc,
  getNoticeRpc,
  respondToNoticeRpc,
  closeNoticeRpc,
  requestExtensionRpc,
  listExtensionsRpc,
  decideExtensionRpc,
] as const;
