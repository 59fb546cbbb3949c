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
import { Organisations } from './organisations';

export const REGISTRY_CONSUMER = 'consultations-organisation-registry';

/**
 * The durable consumer `consultations-organisation-registry`: funding's applicants (allocation.submitted)
 * and talent records' organisations (talent.identified) join the shared registry. Registering is
 * idempotent, so a redelivery adds nothing.
 */
@Injectable()
export class RegistryConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'allocation.submitted' | 'talent.identified'>;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SERVICE_DB) connection: Connection,
    @Inject(MESSAGING_LOGGER) logger: Logger,
    @Inject(CONSULTATIONS_ENV) env: ConsultationsEnv,
    topology: Topology,
    organisations: Organisations,
  ) {
    super();
    this.consumer = new EventConsumer({
      nc,
      topology,
      registry: platformEvents,
      processed: new ProcessedEvents(connection.db as unknown as Db),
      logger,
      name: REGISTRY_CONSUMER,
      types: ['allocation.submitted', 'talent.identified'],
      handler: async (event) => {
        const d = event.data;
        if ('applicantName' in d) {
          await organisations.register(
            { kind: 'enterprise', name: d.applicantName, creditCode: d.applicantCreditCode },
            'funding',
          );
          return;
        }
        for (const org of [d.currentOrganisation, ...(d.targetOrganisation ? [d.targetOrganisation] : [])]) {
          await organisations.register(
            { kind: 'other', name: org.name, ...(org.creditCode ? { creditCode: org.creditCode } : {}) },
            'talent',
          );
        }
      },
      backoffMs: env.CONSULTATIONS_BACKOFF_MS,
    });
  }
}
