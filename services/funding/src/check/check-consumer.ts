import { platformEvents, type PlatformEvents } from '@aiplat/contracts';
import {
  ConsumerLifecycle,
  EventConsumer,
  MESSAGING_LOGGER,
  NATS_CONNECTION,
  ProcessedEvents,
  Topology,
} from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import type { NatsConnection } from 'nats';
import { FUNDING_ENV, type FundingEnv } from '../config/env';
import { FUNDING_DB } from '../database/funding-database';
import { FundingChecks, type TaskEvent } from './funding-checks';

export const FUNDING_CHECK_CONSUMER = 'funding-task-checks';

/** The durable consumer `funding-task-checks`: runs a funding check on every task change or overdue flag. */
@Injectable()
export class CheckConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'task.status_changed' | 'task.overdue_flagged'>;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(FUNDING_DB) connection: Connection,
    @Inject(MESSAGING_LOGGER) logger: Logger,
    @Inject(FUNDING_ENV) env: FundingEnv,
    topology: Topology,
    checks: FundingChecks,
  ) {
    super();
    this.consumer = new EventConsumer({
      nc,
      topology,
      registry: platformEvents,
      processed: new ProcessedEvents(connection.db as unknown as Db),
      logger,
      name: FUNDING_CHECK_CONSUMER,
      types: ['task.status_changed', 'task.overdue_flagged'],
      handler: (event, ctx) => checks.handle(event as TaskEvent, ctx),
      concurrency: env.FUNDING_CHECK_CONCURRENCY,
      backoffMs: env.FUNDING_CHECK_BACKOFF_MS,
    });
  }
}
