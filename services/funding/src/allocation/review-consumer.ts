import type { PlatformEvents } from '@aiplat/contracts';
import { ConsumerFactory, ConsumerLifecycle, type EventConsumer } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { FUNDING_ENV, type FundingEnv } from '../config/env';
import { Allocations } from './allocations';

export const REVIEW_CONSUMER = 'funding-review-conclusions';

/** The durable consumer `funding-review-conclusions`: the committee's conclusion lands on the allocation. */
@Injectable()
export class ReviewConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'review.concluded'>;

  constructor(consumers: ConsumerFactory, @Inject(FUNDING_ENV) env: FundingEnv, allocations: Allocations) {
    super();
    this.consumer = consumers.create({
      name: REVIEW_CONSUMER,
      types: ['review.concluded'],
      handler: (event) => allocations.reviewConcluded(event),
      backoffMs: env.FUNDING_CHECK_BACKOFF_MS,
    });
  }
}
