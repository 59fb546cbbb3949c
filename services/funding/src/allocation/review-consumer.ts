import { platformEvents, type PlatformEvents } from '@aiplat/contracts';
import {
  ConsumerLifecycle,
  EventConsumer,
  MESSAGING_LOGGER,
  NATS_CONNECTION,
  ProcessedEvents,
  SERVICE_DB,
  Topology,
} from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import type { NatsConnection } from 'nats';
import { FUNDING_ENV, type FundingEnv } from '../config/env';
import { Allocations } from './allocations';

export const REVIEW_CONSUMER = 'funding-review-conclusions';

/** The durable consumer `funding-review-conclusions`: the committee's conclusion lands on the allocation. */
@Injectable()
export class ReviewConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'review.concluded'>;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SERVICE_DB) connection: Connection,
    @Inject(MESSAGING_LOGGER) logger: Logger,
    @Inject(FUNDING_ENV) env: FundingEnv,
    topology: Topology,
    allocations: Allocations,
  ) {
    super();
    this.consumer = new EventConsumer({
      nc,
      topology,
      registry: platformEvents,
      processed: new ProcessedEvents(connection.db as unknown as Db),
      logger,
      name: REVIEW_CONSUMER,
      types: ['review.concluded'],
      handler: (event) => allocations.reviewConcluded(event),
      backoffMs: env.FUNDING_CHECK_BACKOFF_MS,
    });
  }
}
