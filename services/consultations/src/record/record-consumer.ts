import type { PlatformEvents } from '@aiplat/contracts';
import { ConsumerFactory, ConsumerLifecycle, type EventConsumer } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { CONSULTATIONS_ENV, type ConsultationsEnv } from '../config/env';
import type { Trigger } from './record';
import { Records } from './records';

export const RECORD_CONSUMER = 'consultations-task-triggers';

/** The durable consumer `consultations-task-triggers`: opens a consultation record per triggering task event. */
@Injectable()
export class RecordConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'task.status_changed' | 'task.overdue_flagged'>;

  constructor(consumers: ConsumerFactory, @Inject(CONSULTATIONS_ENV) env: ConsultationsEnv, records: Records) {
    super();
    this.consumer = consumers.create({
      name: RECORD_CONSUMER,
      types: ['task.status_changed', 'task.overdue_flagged'],
      handler: (event) => records.open(event as Trigger),
      concurrency: env.CONSULTATIONS_CONCURRENCY,
      backoffMs: env.CONSULTATIONS_BACKOFF_MS,
    });
  }
}
