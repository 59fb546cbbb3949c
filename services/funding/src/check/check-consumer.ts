import type { PlatformEvents } from '@aiplat/contracts';
import { ConsumerFactory, ConsumerLifecycle, type EventConsumer } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { FUNDING_ENV, type FundingEnv } from '../config/env';
import { FundingChecks, type TaskEvent } from './funding-checks';

export const FUNDING_CHECK_CONSUMER = 'funding-task-checks';

/** The durable consumer `funding-task-checks`: runs a funding check on every task change or overdue flag. */
@Injectable()
export class CheckConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'task.status_changed' | 'task.overdue_flagged'>;

  constructor(consumers: ConsumerFactory, @Inject(FUNDING_ENV) env: FundingEnv, checks: FundingChecks) {
    super();
    this.consumer = consumers.create({
      name: FUNDING_CHECK_CONSUMER,
      types: ['task.status_changed', 'task.overdue_flagged'],
      handler: (event, ctx) => checks.handle(event as TaskEvent, ctx),
      concurrency: env.FUNDING_CHECK_CONCURRENCY,
      backoffMs: env.FUNDING_CHECK_BACKOFF_MS,
    });
  }
}
