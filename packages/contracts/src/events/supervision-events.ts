import { z } from 'zod';
import { defineEvent } from '../registry';

/**
 * Supervision (督办) and extension requests of key tasks, produced by the tasks service.
 *
 * A supervision notice: `open → responded → closed`, or `open → escalated → responded → closed`
 * when its response deadline passes without a response. An extension request: `pending →
 * approved | rejected`; a task has at most one pending request at a time.
 */
export const NOTICE_STATUSES = ['open', 'escalated', 'responded', 'closed'] as const;
export const noticeStatusSchema = z.enum(NOTICE_STATUSES);
export type NoticeStatus = z.infer<typeof noticeStatusSchema>;

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const extensionStatusSchema = z.enum(EXTENSION_STATUSES);
export type ExtensionStatus = z.infer<typeof extensionStatusSchema>;

const unitIds = z.array(z.string().min(1).max(64)).max(32);

/** What every supervision event says about its notice and task, so consumers need not call back. */
const noticeFacts = {
  noticeId: z.uuid(),
  taskId: z.string().min(1).max(64),
  code: z.string().min(1).max(32),
  title: z.string().min(1).max(500),
  leadUnitIds: unitIds.min(1),
  /** The response deadline (a calendar day in Hefei). */
  deadline: z.iso.date(),
};

export const supervisionNoticeSent = defineEvent({
  type: 'supervision.notice_sent',
  version: 1,
  source: 'tasks',
  description:
    'The office sent a supervision notice (督办通知) on a key task: why, what response it requires, by when. The task’s lead units must respond.',
  consumers: ['consultations'],
  data: z
    .object({
      ...noticeFacts,
      coUnitIds: unitIds,
      reason: z.string().min(1).max(2000),
      requiredResponse: z.string().min(1).max(2000),
    })
    .strict(),
});

export const supervisionNoticeResponded = defineEvent({
  type: 'supervision.notice_responded',
  version: 1,
  source: 'tasks',
  description:
    'A lead unit responded to a supervision notice (also after it was escalated); `late` when the deadline had passed.',
  consumers: ['consultations'],
  data: z
    .object({
      ...noticeFacts,
      /** The unit whose staff responded. */
      unitId: z.string().min(1).max(64),
      response: z.string().min(1).max(5000),
      evidence: z.string().min(1).max(5000).optional(),
      /** The notice had been escalated before this response. */
      afterEscalation: z.boolean(),
      late: z.boolean(),
    })
    .strict(),
});

export const supervisionNoticeEscalated = defineEvent({
  type: 'supervision.notice_escalated',
  version: 1,
  source: 'tasks',
  description:
    'The supervision clock found a notice past its response deadline without a response and escalated it (once per notice).',
  consumers: ['consultations'],
  data: z
    .object({
      ...noticeFacts,
      reason: z.string().min(1).max(2000),
    })
    .strict(),
});

export const taskExtensionRequested = defineEvent({
  type: 'task.extension_requested',
  version: 1,
  source: 'tasks',
  description: 'A lead unit asked the office to move a key task’s due date (延期申请), with a reason.',
  consumers: [],
  data: z
    .object({
      requestId: z.uuid(),
      taskId: z.string().min(1).max(64),
      code: z.string().min(1).max(32),
      title: z.string().min(1).max(500),
      /** The unit whose staff asked. */
      unitId: z.string().min(1).max(64),
      reason: z.string().min(1).max(2000),
      currentDueDate: z.iso.date().optional(),
      requestedDueDate: z.iso.date(),
      leadUnitIds: unitIds.min(1),
    })
    .strict(),
});

export const taskExtensionDecided = defineEvent({
  type: 'task.extension_decided',
  version: 1,
  source: 'tasks',
  description:
    'The office approved (the task’s due date is now the requested one) or rejected an extension request of a key task.',
  consumers: [],
  data: z
    .object({
      requestId: z.uuid(),
      taskId: z.string().min(1).max(64),
      code: z.string().min(1).max(32),
      title: z.string().min(1).max(500),
      approved: z.boolean(),
      reason: z.string().min(1).max(2000).optional(),
      previousDueDate: z.iso.date().optional(),
      requestedDueDate: z.iso.date(),
      /** The task’s due date after the decision. */
      dueDate: z.iso.date().optional(),
      leadUnitIds: unitIds.min(1),
      coUnitIds: unitIds,
    })
    .strict(),
});
