import type { ExpertView, RequestContext } from '@aiplat/contracts';
import { Injectable } from '@nestjs/common';
import { Experts } from '../expert/experts';
import { Reviews } from './reviews';

/**
 * Suspending an expert, then taking them off the open panels where they have not scored (each
 * with a replacement). The suspension is committed first; should the process stop before the
 * panels are done, the review clock's next tick finishes them.
 */
@Injectable()
export class ExpertSuspension {
  constructor(
    private readonly experts: Experts,
    private readonly reviews: Reviews,
  ) {}

  async suspend(context: RequestContext, expertId: string, reason: string): Promise<ExpertView> {
    const expert = await this.experts.suspend(context, expertId, reason);
    await this.reviews.withdrawUnserving();
    return expert;
  }
}
