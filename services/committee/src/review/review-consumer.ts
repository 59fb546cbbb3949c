import type { PlatformEvents } from '@aiplat/contracts';
import { ConsumerFactory, ConsumerLifecycle, type EventConsumer } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { COMMITTEE_ENV, type CommitteeEnv } from '../config/env';
import { ReviewRequests, type ReviewRequestEvent } from './review-requests';

export const REVIEW_REQUESTS_CONSUMER = 'committee-review-requests';

/** The durable consumer `committee-review-requests`: opens a review for each event that asks for one. */
@Injectable()
export class ReviewConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'allocation.review_requested' | 'task.status_changed'>;

  constructor(consumers: ConsumerFactory, @Inject(COMMITTEE_ENV) env: CommitteeEnv, requests: ReviewRequests) {
    super();
    this.consumer = consumers.create({
      name: REVIEW_REQUESTS_CONSUMER,
      types: ['allocation.review_requested', 'task.status_changed'],
      handler: (event, ctx) => requests.handle(event as ReviewRequestEvent, ctx),
      backoffMs: env.REVIEW_CONSUMER_BACKOFF_MS,
    });
  }
}
