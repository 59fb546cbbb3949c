import { platformEvents, type PlatformEvents } from '@aiplat/contracts';
import { EventConsumer, MESSAGING_LOGGER, NATS_CONNECTION, ProcessedEvents, Topology } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import type { NatsConnection } from 'nats';
import { COMMITTEE_ENV, type CommitteeEnv } from '../config/env';
import { COMMITTEE_DB } from '../database/collections';
import { ReviewRequests, type ReviewRequestEvent } from './review-requests';

export const REVIEW_REQUESTS_CONSUMER = 'committee-review-requests';

/** The durable consumer `committee-review-requests`: opens a review for each event that asks for one. */
@Injectable()
export class ReviewConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly consumer: EventConsumer<PlatformEvents, 'allocation.review_requested' | 'task.status_changed'>;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(COMMITTEE_DB) connection: Connection,
    @Inject(MESSAGING_LOGGER) logger: Logger,
    @Inject(COMMITTEE_ENV) env: CommitteeEnv,
    topology: Topology,
    requests: ReviewRequests,
  ) {
    this.consumer = new EventConsumer({
      nc,
      topology,
      registry: platformEvents,
      processed: new ProcessedEvents(connection.db as unknown as Db),
      logger,
      name: REVIEW_REQUESTS_CONSUMER,
      types: ['allocation.review_requested', 'task.status_changed'],
      handler: (event, ctx) => requests.handle(event as ReviewRequestEvent, ctx),
      backoffMs: env.REVIEW_CONSUMER_BACKOFF_MS,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
