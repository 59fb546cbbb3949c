import {
  unitById,
  type ConsultationStatus,
  type ConsultationType,
  type EventDataOf,
  type PlatformEvents,
} from '@aiplat/contracts';

export type TaskChange = EventDataOf<PlatformEvents, 'task.status_changed'>;
export type TaskOverdue = EventDataOf<PlatformEvents, 'task.overdue_flagged'>;

/** The events that open a consultation record, as the consumer receives them. */
export type Trigger =
  | { readonly id: string; readonly type: 'task.status_changed'; readonly time: string; readonly data: TaskChange }
  | { readonly id: string; readonly type: 'task.overdue_flagged'; readonly time: string; readonly data: TaskOverdue };

/** A consultation record as stored. `_id` is the id of the event that opened it: one record per event, ever. */
export interface RecordDocument {
  _id: string;
  type: ConsultationType;
  status: ConsultationStatus;
  taskCode: string;
  taskTitle: string;
  reason: string;
  leadUnitIds: string[];
  coUnitIds: string[];
  trigger: { eventId: string; eventType: string; at: string };
  proposedParticipants: { kind: string; id: string; name: string }[];
  suggestedAgenda: string[];
  meetingIds: string[];
  resolutionIds: string[];
  openedAt: string;
  closedAt?: string;
  closeReason?: string;
  version: number;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
}

/** What the task service says about the task when the record opens (absent if it could not be asked). */
export interface TaskFacts {
  status: string;
  progress: number;
  dueDate?: string;
  milestones: { title: string; dueDate: string; done: boolean }[];
}

/** What funding says of the task's allocations when the record opens (absent if it could not be asked). */
export interface FundFacts {
  allocations: number;
  /** Fen. */
  amount: number;
  heldTranches: number;
  /** Fen. */
  heldAmount: number;
}

/** Fen as yuan, two decimals, on integers. */
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Which kind of record a task event opens, and why; nothing for the moves that need no consultation. */
export function openingOf(trigger: Trigger): { type: ConsultationType; reason: string } | undefined {
  if (trigger.type === 'task.overdue_flagged') {
    const d = trigger.data;
    return {
      type: 'overdue_review',
      reason: d.milestone ? `节点“${d.milestone}”已于 ${d.dueDate} 到期未完成` : `任务已于 ${d.dueDate} 到期未完成`,
    };
  }
  const d = trigger.data;
  switch (d.to) {
    case 'at_risk':
      return { type: 'risk_review', reason: d.reason ?? '任务被标记为存在风险' };
    case 'completed':
      return { type: 'acceptance_appraisal', reason: '任务已完成，需组织验收评估论证' };
    case 'cancelled':
      return { type: 'cancellation_review', reason: d.reason ?? '任务已取消' };
    default:
      return undefined;
  }
}

const PURPOSE: Record<ConsultationType, string> = {
  risk_review: '研究化解风险的措施，明确需协调解决的事项',
  overdue_review: '说明逾期原因，明确整改措施和完成时限',
  acceptance_appraisal: '组织验收评估论证，形成验收意见',
  cancellation_review: '复盘取消原因，评估对年度目标的影响',
};

/** A suggested agenda, pre-filled from the event and what the task service said about the task. */
export function suggestedAgenda(
  type: ConsultationType,
  reason: string,
  facts: TaskFacts | undefined,
  today: string,
  funds?: FundFacts,
): string[] {
  const items = [`事由：${reason}`];
  if (facts) {
    items.push(
      `任务现状：${facts.status}，进度 ${facts.progress}%${facts.dueDate ? `，完成时限 ${facts.dueDate}` : ''}`,
    );
    for (const m of facts.milestones.filter((m) => !m.done && m.dueDate < today)) {
      items.push(`未按期完成的节点：${m.title}（${m.dueDate}）`);
    }
  } else {
    items.push('任务详情待补充（开启记录时未能取得）');
  }
  if (funds && funds.allocations > 0) {
    items.push(
      `关联资金：${funds.allocations} 笔申请，合计 ${yuan(funds.amount)} 元` +
        (funds.heldTranches > 0 ? `；暂停拨付 ${funds.heldTranches} 批，${yuan(funds.heldAmount)} 元` : ''),
    );
  }
  items.push(`议题：${PURPOSE[type]}`);
  return items;
}

/**
 * The task's units, and experts of the task's fields who are not of a lead unit (at most three),
 * proposed as participants; the secretariat settles the list when it schedules a meeting.
 */
export function proposedParticipants(
  leadUnitIds: readonly string[],
  coUnitIds: readonly string[],
  experts: readonly { id: string; name: string; unitId?: string }[] = [],
) {
  return [
    ...[...leadUnitIds, ...coUnitIds].map((id) => ({ kind: 'unit', id, name: unitById(id)?.nameZh ?? id })),
    ...experts
      .filter((e) => !e.unitId || !leadUnitIds.includes(e.unitId))
      .slice(0, 3)
      .map((e) => ({ kind: 'expert', id: e.id, name: e.name })),
  ];
}
