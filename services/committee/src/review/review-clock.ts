import { MESSAGING_LOGGER } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { COMMITTEE_ENV, type CommitteeEnv } from '../config/env';
import { Reviews } from './reviews';

/**
 * Every REVIEW_CLOCK_INTERVAL_MS: flags reviews past their deadline (once each, `review.overdue`),
 * reminds members of reviews due soon (once each, `review.reminded`), takes experts who no longer
 * serve off open panels, and completes panels short of their size from the experts serving now.
 */
@Injectable()
export class ReviewClock implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly reviews: Reviews,
    @Inject(COMMITTEE_ENV) private readonly env: CommitteeEnv,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.REVIEW_CLOCK_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.reviews
        .flagOverdue()
        .then(() => this.reviews.remindDue())
        .then(() => this.reviews.withdrawUnserving())
        .then(() => this.reviews.fillUnderstaffed())
        .catch((err: unknown) => this.log.warn({ err }, 'review clock failed; next tick retries'))
        .finally(() => (this.running = undefined));
    }, this.env.REVIEW_CLOCK_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
