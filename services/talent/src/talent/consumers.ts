import type { PlatformEvents } from '@aiplat/contracts';
import { ConsumerFactory, ConsumerLifecycle, type EventConsumer } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { TALENT_ENV, type TalentEnv } from '../config/env';
import { Talents } from './talents';

export const ALLOCATION_CONSUMER = 'talent-allocation-decisions';
export const EXPERT_CONSUMER = 'talent-expert-links';

/** The durable consumer `talent-allocation-decisions`: a talent package follows its allocation's approval. */
@Injectable()
export class AllocationConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'allocation.approved' | 'allocation.rejected'>;

  constructor(consumers: ConsumerFactory, @Inject(TALENT_ENV) env: TalentEnv, talents: Talents) {
    super();
    this.consumer = consumers.create({
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

  constructor(consumers: ConsumerFactory, @Inject(TALENT_ENV) env: TalentEnv, talents: Talents) {
    super();
    this.consumer = consumers.create({
      name: EXPERT_CONSUMER,
      types: ['expert.appointed'],
      handler: async (event) => {
        if (event.data.talentId) await talents.expertAppointed(event.data.talentId, event.data.expertId);
      },
      backoffMs: env.TALENT_BACKOFF_MS,
    });
  }
}
