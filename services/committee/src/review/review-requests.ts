import type { Envelope, EventDataOf, PlatformEvents } from '@aiplat/contracts';
import { causedBy, type HandlerContext } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import { fieldsFromText } from '@aiplat/contracts';
import { Reviews } from './reviews';
import { TaskUnits } from './task-units';

export type ReviewRequestEvent =
  | Envelope<'allocation.review_requested', EventDataOf<PlatformEvents, 'allocation.review_requested'>>
  | Envelope<'task.status_changed', EventDataOf<PlatformEvents, 'task.status_changed'>>;

export const COMMITTEE_ACTOR = { kind: 'system' as const, id: 'committee-review-requests' };

/** The review an event asks for: `rv-<event id>`, so one event opens one review however often it comes. */
export const reviewIdFor = (eventId: string) => `rv-${eventId}`;

const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

/**
 * Opens the review an event asks for: funding's `allocation.review_requested` → an allocation
 * review (the applicant's organisation, and the lead units of its task if one is linked, are
 * conflicted); a task reaching `completed` → an acceptance appraisal (its lead units are conflicted).
 * Every task event also records the task's lead units; other task moves open nothing.
 */
@Injectable()
export class ReviewRequests {
  constructor(
    private readonly reviews: Reviews,
    private readonly tasks: TaskUnits,
  ) {}

  async handle(event: ReviewRequestEvent, _ctx?: HandlerContext): Promise<void> {
    const cause = causedBy(event, COMMITTEE_ACTOR);
    const now = new Date();
    if (event.type === 'allocation.review_requested') {
      const d = event.data;
      await this.reviews.open(
        {
          _id: reviewIdFor(event.id),
          type: 'allocation_review',
          title: `资金申请评审 Allocation review: ${d.applicantName}`,
          subject: { kind: 'allocation', ref: d.allocationId },
          allocationId: d.allocationId,
          ...(d.taskCode ? { taskCode: d.taskCode } : {}),
          material: {
            text: d.purpose,
            facts: {
              applicant: d.applicantName,
              programme: d.programmeId,
              year: String(d.year),
              amount: yuan(d.amount),
              ...(d.taskCode ? { task: d.taskCode } : {}),
              ...(d.applicantCreditCode ? { creditCode: d.applicantCreditCode } : {}),
            },
          },
          fields: fieldsFromText(d.purpose, d.applicantName),
          conflicts: {
            creditCodes: d.applicantCreditCode ? [d.applicantCreditCode] : [],
            organisations: [d.applicantName],
            // The task's units are added by the committee's conflict rule (SubjectConflicts).
            unitIds: [],
          },
          causeEventId: event.id,
          createdBy: COMMITTEE_ACTOR.id,
        },
        cause,
        now,
      );
      return;
    }
    const d = event.data;
    await this.tasks.record(d.code, d.leadUnitIds, d.coUnitIds, event.aggregateVersion ?? 0);
    if (d.to !== 'completed') return;
    await this.reviews.open(
      {
        _id: reviewIdFor(event.id),
        type: 'acceptance_appraisal',
        title: `验收评估 Acceptance appraisal: ${d.code} ${d.title}`,
        subject: { kind: 'task', ref: d.code },
        taskCode: d.code,
        material: {
          text: d.reason ? `${d.title}\n\n${d.reason}` : d.title,
          facts: {
            task: d.code,
            leadUnits: d.leadUnitIds.join(', '),
            ...(d.coUnitIds.length ? { coUnits: d.coUnitIds.join(', ') } : {}),
            ...(d.dueDate ? { dueDate: d.dueDate } : {}),
          },
        },
        fields: fieldsFromText(d.title, d.reason),
        conflicts: { creditCodes: [], organisations: [], unitIds: [...d.leadUnitIds] },
        causeEventId: event.id,
        createdBy: COMMITTEE_ACTOR.id,
      },
      cause,
      now,
    );
  }
}
