import type { PlatformEvents } from '@aiplat/contracts';
import { ConsumerFactory, ConsumerLifecycle, type EventConsumer } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
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
    consumers: ConsumerFactory,
    @Inject(CONSULTATIONS_ENV) env: ConsultationsEnv,
    organisations: Organisations,
  ) {
    super();
    this.consumer = consumers.create({
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
