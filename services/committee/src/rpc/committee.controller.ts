import {
  appointExpertRpc,
  concludeReviewRpc,
  correctAdviceRpc,
  declareNoConflictRpc,
  declineReviewRpc,
  getReviewRpc,
  healthCheckRpc,
  listAdviceRpc,
  listExpertsRpc,
  listReviewsRpc,
  recordAdviceRpc,
  requestReviewByOfficeRpc,
  respondRecommendationRpc,
  scoreReviewRpc,
  suspendExpertRpc,
  type RpcRequestOf,
} from '@aiplat/contracts';
import { healthReply, RpcPayload } from '@aiplat/messaging';
import { HealthRegistry } from '@aiplat/observability';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Advices } from '../advice/advices';
import { Experts } from '../expert/experts';
import { ExpertSuspension } from '../review/expert-suspension';
import { Reviews } from '../review/reviews';

/** Request/reply handlers: thin — validate (by contract), call one use case. */
@Controller()
export class CommitteeRpcController {
  constructor(
    private readonly experts: Experts,
    private readonly advices: Advices,
    private readonly reviews: Reviews,
    private readonly suspension: ExpertSuspension,
    private readonly health: HealthRegistry,
  ) {}

  @MessagePattern(healthCheckRpc('committee').subject)
  healthCheck() {
    return healthReply('committee', this.health);
  }

  @MessagePattern(listExpertsRpc.subject)
  async listExperts(@RpcPayload(listExpertsRpc) req: RpcRequestOf<typeof listExpertsRpc>) {
    const { context, ...filter } = req;
    return { items: await this.experts.list(context, filter) };
  }

  @MessagePattern(appointExpertRpc.subject)
  appoint(@RpcPayload(appointExpertRpc) req: RpcRequestOf<typeof appointExpertRpc>) {
    const { context, ...input } = req;
    return this.experts.appoint(context, input);
  }

  @MessagePattern(suspendExpertRpc.subject)
  suspend(@RpcPayload(suspendExpertRpc) req: RpcRequestOf<typeof suspendExpertRpc>) {
    return this.suspension.suspend(req.context, req.expertId, req.reason);
  }

  @MessagePattern(listAdviceRpc.subject)
  async listAdvice(@RpcPayload(listAdviceRpc) req: RpcRequestOf<typeof listAdviceRpc>) {
    const { context, limit, ...filter } = req;
    return { items: await this.advices.list(context, filter, limit) };
  }

  @MessagePattern(recordAdviceRpc.subject)
  recordAdvice(@RpcPayload(recordAdviceRpc) req: RpcRequestOf<typeof recordAdviceRpc>) {
    const { context, ...input } = req;
    return this.advices.record(context, input);
  }

  @MessagePattern(correctAdviceRpc.subject)
  correctAdvice(@RpcPayload(correctAdviceRpc) req: RpcRequestOf<typeof correctAdviceRpc>) {
    const { context, adviceId, expectedRevision, ...input } = req;
    return this.advices.correct(context, adviceId, expectedRevision, input);
  }

  @MessagePattern(respondRecommendationRpc.subject)
  respond(@RpcPayload(respondRecommendationRpc) req: RpcRequestOf<typeof respondRecommendationRpc>) {
    return this.advices.respond(req.context, req.adviceId, req.index, req.status, req.response);
  }

  @MessagePattern(listReviewsRpc.subject)
  async listReviews(@RpcPayload(listReviewsRpc) req: RpcRequestOf<typeof listReviewsRpc>) {
    const { context, limit, ...filter } = req;
    return { items: await this.reviews.list(context, filter, limit) };
  }

  @MessagePattern(getReviewRpc.subject)
  getReview(@RpcPayload(getReviewRpc) req: RpcRequestOf<typeof getReviewRpc>) {
    return this.reviews.get(req.context, req.reviewId);
  }

  @MessagePattern(requestReviewByOfficeRpc.subject)
  requestReview(@RpcPayload(requestReviewByOfficeRpc) req: RpcRequestOf<typeof requestReviewByOfficeRpc>) {
    const { context, ...input } = req;
    return this.reviews.requestByOffice(context, input);
  }

  @MessagePattern(declareNoConflictRpc.subject)
  declare(@RpcPayload(declareNoConflictRpc) req: RpcRequestOf<typeof declareNoConflictRpc>) {
    return this.reviews.declare(req.context, req.reviewId);
  }

  @MessagePattern(declineReviewRpc.subject)
  decline(@RpcPayload(declineReviewRpc) req: RpcRequestOf<typeof declineReviewRpc>) {
    return this.reviews.decline(req.context, req.reviewId, req.reason);
  }

  @MessagePattern(scoreReviewRpc.subject)
  score(@RpcPayload(scoreReviewRpc) req: RpcRequestOf<typeof scoreReviewRpc>) {
    return this.reviews.score(req.context, req.reviewId, req.scores, req.comment);
  }

  @MessagePattern(concludeReviewRpc.subject)
  conclude(@RpcPayload(concludeReviewRpc) req: RpcRequestOf<typeof concludeReviewRpc>) {
    const { context, reviewId, ...input } = req;
    return this.reviews.conclude(context, reviewId, input);
  }
}
