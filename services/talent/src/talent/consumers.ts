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
import { TALENT_ENV, type TalentEnv } from '../config/env';
import { Talents } from './talents';

export const ALLOCATION_CONSUMER = 'talent-allocation-decisions';
export const EXPERT_CONSUMER = 'talent-expert-links';

/** The durable consumer `talent-allocation-decisions`: a talent package follows its allocation's approval. */
@Injectable()
export class AllocationConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'allocation.approved' | 'allocation.rejected'>;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SERVICE_DB) connection: Connection,
    @Inject(MESSAGING_LOGGER) logger: Logger,
    @Inject(TALENT_ENV) env: TalentEnv,
    topology: Topology,
    talents: Talents,
  ) {
    super();
    this.consumer = new EventConsumer({
      nc,
      topology,
      registry: platformEvents,
      processed: new ProcessedEvents(connection.db as unknown as Db),
      logger,
      name: ALLOCATION_CONSUMER,
      types: ['allocation.approved', 'allocation.rejected'],
      handler: async (event) => {
        const { talentId, allocationId } = event.data;
        if (!talentId) return;
        const reason = 'reason' in event.data ? event.data.reason : undefined;
        await talents.allocationDecided(allocationId, talentId, event.type === 'allocation.approved', reason);
      },
      backoffMs: env.TALENT_BACKOFF_MS,
    });
  }
}

/** The durable consumer `talent-expert-links`: an introduced talent appointed as an expert links to the expert. */
@Injectable()
export class ExpertConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'expert.appointed'>;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SERVICE_DB) connection: Connection,
    @Inject(MESSAGING_LOGGER) logger: Logger,
    @Inject(TALENT_ENV) env: TalentEnv,
    topology: Topology,
    talents: Talents,
  ) {
    super();
    this.consumer = new EventConsumer({
      nc,
      topology,
      registry: platformEvents,
      processed: new ProcessedEvents(connection.db as unknown as Db),
      logger,
      name: EXPERT_CONSUMER,
      types: ['expert.appointed'],
      handler: async (event) => {
        if (event.data.talentId) await talents.expertAppointed(event.data.talentId, event.data.expertId);
      },
      backoffMs: env.TALENT_BACKOFF_MS,
    });
  }
}
