import { platformEvents, type EventDataOf, type PlatformEvents } from '@aiplat/contracts';
import { createEvent, type EventCause } from '@aiplat/messaging';
import type { Staged } from '../database/versioned-write';
import { reviewFacts, type ReviewDocument } from './review';

type ReviewEventType =
  | 'review.requested'
  | 'review.assigned'
  | 'review.declined'
  | 'review.scored'
  | 'review.concluded'
  | 'review.reminded'
  | 'review.overdue';

type Extra<T extends ReviewEventType> = Omit<
  EventDataOf<PlatformEvents, T>,
  'reviewId' | 'type' | 'allocationId' | 'taskCode'
>;

/** A review event with the facts every one of them carries, ready for the outbox. */
export function reviewEvent<T extends ReviewEventType>(
  type: T,
  doc: ReviewDocument,
  extra: Extra<T>,
  cause: EventCause,
  now: Date,
  aggregateVersion = doc.version + 1,
): Staged {
  const data = { ...reviewFacts(doc), ...extra } as EventDataOf<PlatformEvents, T>;
  const envelope = createEvent(platformEvents, type, { aggregateId: doc._id, aggregateVersion, data, ...cause }, now);
  return { envelope, subject: platformEvents[type].subject };
}
