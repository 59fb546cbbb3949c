import {
  adviceIdSchema,
  adviceViewSchema,
  appointExpertRpc,
  committeeSubjectSchema,
  concludeReviewRpc,
  correctAdviceRpc,
  DomainError,
  declareNoConflictRpc,
  declineReviewRpc,
  expertFieldSchema,
  expertIdSchema,
  expertStatusSchema,
  expertViewSchema,
  getReviewRpc,
  listAdviceRpc,
  listExpertsRpc,
  listReviewsRpc,
  recordAdviceRpc,
  requestReviewByOfficeRpc,
  respondRecommendationRpc,
  reviewIdSchema,
  reviewStatusSchema,
  reviewViewSchema,
  scoreReviewRpc,
  suspendExpertRpc,
  taskCodeParam,
} from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Controller } from '@nestjs/common';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { text } from '../http/fields';
import {
  CurrentPrincipal,
  RequestId,
  ValidBody,
  ValidParams,
  ValidQuery,
  type Principal,
} from '../http/request-context';
import { callService } from '../http/service-call';
import { IdentityRepository } from '../identity/identity.repository';

const limit = (max: number) => z.coerce.number().int().min(1).max(max).default(100);
const expertParams = z.object({ id: expertIdSchema }).strict();
const adviceParams = z.object({ id: adviceIdSchema }).strict();
const recommendationParams = z.object({ id: adviceIdSchema, index: z.coerce.number().int().min(0).max(19) }).strict();
const reviewParams = z.object({ id: reviewIdSchema }).strict();

const expertsQuery = z.object({ status: expertStatusSchema.optional(), field: expertFieldSchema.optional() }).strict();
const appointBody = appointExpertRpc.request.omit({ context: true });
const reasonBody = z.object({ reason: text(2000) }).strict();
const adviceQuery = z
  .object({
    subjectKind: committeeSubjectSchema.shape.kind.optional(),
    subjectRef: text(200).optional(),
    limit: limit(500),
  })
  .strict();
const recordBody = recordAdviceRpc.request.omit({ context: true });
const correctBody = correctAdviceRpc.request.omit({ context: true, adviceId: true });
const respondBody = respondRecommendationRpc.request.omit({ context: true, adviceId: true, index: true });
const reviewsQuery = z
  .object({
    status: reviewStatusSchema.optional(),
    overdue: z.enum(['true', 'false']).optional().describe('true: open reviews past their deadline'),
    taskCode: taskCodeParam.optional(),
    limit: limit(500),
  })
  .strict();
const requestBody = requestReviewByOfficeRpc.request.omit({ context: true });
const scoreBody = scoreReviewRpc.request.omit({ context: true, reviewId: true });
const concludeBody = concludeReviewRpc.request.omit({ context: true, reviewId: true });

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
const target = (kind: string) => (r: { params: Record<string, string> }) => `${kind}:${r.params.id}`;

/**
 * The expert committee (专家咨询委员会): experts, advice and reviews, served by the committee
 * service. The gateway checks the permission; the service decides what an expert may see (only
 * reviews they are assigned to, the material only after declaring no conflict of interest).
 */
@Controller()
export class CommitteeController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly identity: IdentityRepository,
  ) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/committee/experts',
    operationId: 'listCommitteeExperts',
    summary: 'The committee’s experts, by status or field of expertise',
    tag: 'committee',
    access: 'committee.view',
    query: expertsQuery,
    success: { status: 200, description: 'The experts', schema: items(expertViewSchema) },
    errors: [503],
  })
  listExperts(
    @ValidQuery() q: z.infer<typeof expertsQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, listExpertsRpc, p, id, { ...q });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/committee/experts',
    operationId: 'appointCommitteeExpert',
    summary: 'Appoint an expert (an active user account with the expert role): affiliation, fields, term',
    tag: 'committee',
    access: 'committee.manage',
    body: appointBody,
    success: { status: 201, description: 'The expert', schema: expertViewSchema },
    errors: [409, 422, 503],
    audit: { action: 'committee.expert.appoint' },
  })
  async appoint(
    @ValidBody() body: z.infer<typeof appointBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    // Accounts live here, in the gateway: the committee service cannot check them itself.
    const user = await this.identity.findUserById(body.userId);
    if (!user?.active || !user.roles.includes('expert')) {
      throw new DomainError(
        'unprocessable',
        'an expert is appointed from an active user account with the expert role',
        [{ path: 'userId', message: user ? 'this account is inactive or lacks the expert role' : 'no such user' }],
      );
    }
    return callService(this.rpc, appointExpertRpc, p, id, body);
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/committee/experts/{id}/suspend',
    operationId: 'suspendCommitteeExpert',
    summary: 'Suspend an active expert with a reason (no new reviews)',
    tag: 'committee',
    access: 'committee.manage',
    params: expertParams,
    body: reasonBody,
    success: { status: 200, description: 'The expert', schema: expertViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'committee.expert.suspend', target: target('expert') },
  })
  suspend(
    @ValidParams() params: z.infer<typeof expertParams>,
    @ValidBody() body: z.infer<typeof reasonBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, suspendExpertRpc, p, id, { expertId: params.id, reason: body.reason });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/committee/advice',
    operationId: 'listCommitteeAdvice',
    summary: 'Advice (咨询意见), newest first, optionally about one subject; earlier versions included',
    tag: 'committee',
    access: 'committee.view',
    query: adviceQuery,
    success: { status: 200, description: 'The advice', schema: items(adviceViewSchema) },
    errors: [503],
  })
  listAdvice(@ValidQuery() q: z.infer<typeof adviceQuery>, @CurrentPrincipal() p: Principal, @RequestId() id: string) {
    return callService(this.rpc, listAdviceRpc, p, id, { ...q });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/committee/advice',
    operationId: 'recordCommitteeAdvice',
    summary: 'Record advice on a task, consultation, allocation or strategic question, with recommendations',
    tag: 'committee',
    access: 'committee.advise',
    body: recordBody,
    success: { status: 201, description: 'The advice', schema: adviceViewSchema },
    errors: [503],
    audit: { action: 'committee.advice.record' },
  })
  recordAdvice(
    @ValidBody() body: z.infer<typeof recordBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, recordAdviceRpc, p, id, body);
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/committee/advice/{id}/corrections',
    operationId: 'correctCommitteeAdvice',
    summary: 'Correct advice (its authors): a new revision; the earlier one is kept',
    tag: 'committee',
    access: 'committee.advise',
    params: adviceParams,
    body: correctBody,
    success: { status: 200, description: 'The advice', schema: adviceViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'committee.advice.correct', target: target('advice') },
  })
  correctAdvice(
    @ValidParams() params: z.infer<typeof adviceParams>,
    @ValidBody() body: z.infer<typeof correctBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, correctAdviceRpc, p, id, { ...body, adviceId: params.id });
  }

  @ApiRoute({
    method: 'PUT',
    path: '/api/v1/committee/advice/{id}/recommendations/{index}/response',
    operationId: 'respondToCommitteeRecommendation',
    summary: 'Mark a recommendation adopted, under study or not adopted, with a response',
    tag: 'committee',
    access: 'committee.manage',
    params: recommendationParams,
    body: respondBody,
    success: { status: 200, description: 'The advice', schema: adviceViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'committee.recommendation.respond', target: target('advice') },
  })
  respond(
    @ValidParams() params: z.infer<typeof recommendationParams>,
    @ValidBody() body: z.infer<typeof respondBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, respondRecommendationRpc, p, id, {
      ...body,
      adviceId: params.id,
      index: params.index,
    });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/committee/reviews',
    operationId: 'listCommitteeReviews',
    summary: 'Reviews (评估论证); an expert sees only theirs; overdue=true lists those past their deadline',
    tag: 'committee',
    access: 'committee.view',
    query: reviewsQuery,
    success: { status: 200, description: 'The reviews, newest first', schema: items(reviewViewSchema) },
    errors: [503],
  })
  listReviews(
    @ValidQuery() q: z.infer<typeof reviewsQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    const { overdue, ...rest } = q;
    return callService(this.rpc, listReviewsRpc, p, id, {
      ...rest,
      ...(overdue ? { overdue: overdue === 'true' } : {}),
    });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/committee/reviews',
    operationId: 'requestCommitteeReview',
    summary: 'Ask the committee for a review: a panel is assigned by field, without conflicted experts',
    tag: 'committee',
    access: 'committee.manage',
    body: requestBody,
    success: { status: 201, description: 'The review with its panel', schema: reviewViewSchema },
    errors: [503],
    audit: { action: 'committee.review.request' },
  })
  requestReview(
    @ValidBody() body: z.infer<typeof requestBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, requestReviewByOfficeRpc, p, id, body);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/committee/reviews/{id}',
    operationId: 'getCommitteeReview',
    summary: 'One review; a panel member sees the material only after declaring no conflict of interest',
    tag: 'committee',
    access: 'committee.view',
    params: reviewParams,
    success: { status: 200, description: 'The review', schema: reviewViewSchema },
    errors: [404, 503],
  })
  getReview(
    @ValidParams() params: z.infer<typeof reviewParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, getReviewRpc, p, id, { reviewId: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/committee/reviews/{id}/declaration',
    operationId: 'declareNoConflictOfInterest',
    summary: 'Declare no conflict of interest in a review you are assigned to (then the material is shown)',
    tag: 'committee',
    access: 'committee.advise',
    params: reviewParams,
    success: { status: 200, description: 'The review', schema: reviewViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'committee.review.declare', target: target('review') },
  })
  declare(
    @ValidParams() params: z.infer<typeof reviewParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, declareNoConflictRpc, p, id, { reviewId: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/committee/reviews/{id}/decline',
    operationId: 'declineCommitteeReview',
    summary: 'Decline a review with a reason; a replacement is assigned when an eligible expert remains',
    tag: 'committee',
    access: 'committee.advise',
    params: reviewParams,
    body: reasonBody,
    success: { status: 200, description: 'The review', schema: reviewViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'committee.review.decline', target: target('review') },
  })
  decline(
    @ValidParams() params: z.infer<typeof reviewParams>,
    @ValidBody() body: z.infer<typeof reasonBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, declineReviewRpc, p, id, { reviewId: params.id, reason: body.reason });
  }

  @ApiRoute({
    method: 'PUT',
    path: '/api/v1/committee/reviews/{id}/scores',
    operationId: 'scoreCommitteeReview',
    summary: 'Score every criterion of the rubric (1–5) with a comment; again before the conclusion replaces it',
    tag: 'committee',
    access: 'committee.advise',
    params: reviewParams,
    body: scoreBody,
    success: { status: 200, description: 'The review', schema: reviewViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'committee.review.score', target: target('review') },
  })
  score(
    @ValidParams() params: z.infer<typeof reviewParams>,
    @ValidBody() body: z.infer<typeof scoreBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, scoreReviewRpc, p, id, { ...body, reviewId: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/committee/reviews/{id}/conclusion',
    operationId: 'concludeCommitteeReview',
    summary: 'The chair concludes once every active member scored (emits review.concluded)',
    tag: 'committee',
    access: 'committee.advise',
    params: reviewParams,
    body: concludeBody,
    success: { status: 200, description: 'The concluded review', schema: reviewViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'committee.review.conclude', target: target('review') },
  })
  conclude(
    @ValidParams() params: z.infer<typeof reviewParams>,
    @ValidBody() body: z.infer<typeof concludeBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() id: string,
  ) {
    return callService(this.rpc, concludeReviewRpc, p, id, { ...body, reviewId: params.id });
  }
}
