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
import { CONSULTATIONS_ENV, type ConsultationsEnv } from '../config/env';
import type { Trigger } from './record';
import { Records } from './records';

export const RECORD_CONSUMER = 'consultations-task-triggers';

/** The durable consumer `consultations-task-triggers`: opens a consultation record per triggering task event. */
@Injectable()
export class RecordConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'task.status_changed' | 'task.overdue_flagged'>;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SERVICE_DB) connection: Connection,
    @Inject(MESSAGING_LOGGER) logger: Logger,
    @Inject(CONSULTATIONS_ENV) env: ConsultationsEnv,
    topology: Topology,
    records: Records,
  ) {
    super();
    this.consumer = new EventConsumer({
      nc,
      topology,
      registry: platformEvents,
      processed: new ProcessedEvents(connection.db as unknown as Db),
      logger,
      name: RECORD_CONSUMER,
      types: ['task.status_changed', 'task.overdue_flagged'],
      handler: (event) => records.open(event as Trigger),
      concurrency: env.CONSULTATIONS_CONCURRENCY,
      backoffMs: env.CONSULTATIONS_BACKOFF_MS,
    });
  }
}
