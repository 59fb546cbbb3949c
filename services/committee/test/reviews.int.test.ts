import {
  concludeReviewRpc,
  declareNoConflictRpc,
  declineReviewRpc,
  getReviewRpc,
  listReviewsRpc,
  requestReviewByOfficeRpc,
  scoreReviewRpc,
  suspendExpertRpc,
  type ExpertView,
  type ReviewConclusion,
  type ReviewView,
} from '@aiplat/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reviewIdFor, ReviewRequests } from '../src/review/review-requests';
import { Reviews } from '../src/review/reviews';
import {
  allocationReviewRequested,
  appoint,
  as,
  eventually,
  eventsOf,
  failure,
  retireAll,
  startCommitteeService,
  taskCode,
  taskCompleted,
  type CommitteeHarness,
} from './committee-service';

/** Reviews against real NATS and FerretDB: opened by events exactly once, panels, declarations, scores, conclusion. */
describe('committee reviews', () => {
  let h: CommitteeHarness;
  const APPLICANT_CODE = '91350100M000100Y43';

  beforeAll(async () => {
    h = await startCommitteeService();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await retireAll(h);
  });

  const expertCtx = (e: ExpertView) => as(e.userId, ['expert']);
  const get = (e: ExpertView, id: string) => h.rpc.request(getReviewRpc, { context: expertCtx(e), reviewId: id });
  const asManager = (id: string) => h.rpc.request(getReviewRpc, { context: as('secretariat-user'), reviewId: id });
  async function reviewOpenedBy(eventId: string): Promise<ReviewView> {
    return eventually(
      async () => {
        const r = await asManager(reviewIdFor(eventId)).catch(() => undefined);
        return r ?? undefined;
      },
      15_000,
      `review of event ${eventId}`,
    );
  }
  const conclude = (e: ExpertView, id: string, conclusion: ReviewConclusion, summary: string) =>
    h.rpc.request(concludeReviewRpc, { context: expertCtx(e), reviewId: id, conclusion, summary });
  const officeReview = (title: string, material: string) =>
    h.rpc.request(requestReviewByOfficeRpc, {
      context: as('office-user', ['office']),
      title,
      subject: { kind: 'strategic_question', ref: title },
      material,
      fields: ['intelligent_speech'],
    });
  const score = (e: ExpertView, id: string, scores: Record<string, number>, comment: string) =>
    h.rpc.request(scoreReviewRpc, { context: expertCtx(e), reviewId: id, scores, comment });
  async function experts(n: number, prefix: string, fields: ExpertView['fields'] = ['intelligent_speech']) {
    const out: ExpertView[] = [];
    for (let i = 0; i < n; i++)
      out.push(await appoint(h, `${prefix}-${i}-${Math.random().toString(36).slice(2, 8)}`, fields));
    return out;
  }

  it('opens one acceptance appraisal per task completion, however often the event is delivered', async () => {
    await experts(4, 'once');
    const code = taskCode();
    const event = taskCompleted(code);
    await h.publish(event);
    await h.publish(event); // same Nats-Msg-Id: dropped by the server
    await h.publish(event, `${event.id}-again`); // past the server's de-duplication window
    const review = await reviewOpenedBy(event.id);
    // A redelivery that got past the processed-event record: the handler runs again.
    await h.app.get(ReviewRequests).handle(event);
    // Other moves ask for nothing.
    await h.publish(taskCompleted(code, { from: 'completed', to: 'accepted' }, 6));
    await new Promise((r) => setTimeout(r, 1_000));

    expect(review).toMatchObject({
      type: 'acceptance_appraisal',
      taskCode: code,
      status: 'open',
      causeEventId: event.id,
    });
    expect(review.panel).toHaveLength(3);
    expect(review.panel.filter((m) => m.role === 'chair')).toHaveLength(1);
    expect(await h.db.collection('reviews').countDocuments({ taskCode: code })).toBe(1);
    const requested = (await h.events('review.requested')).filter((e) => e.data.taskCode === code);
    expect(requested).toHaveLength(1);
    expect(requested[0].causationId).toBe(event.id);
    expect(requested[0].correlationId).toBe(event.correlationId);
    const assigned = (await h.events('review.assigned')).filter((e) => e.data.reviewId === review.id);
    expect(assigned).toHaveLength(1);
    expect(assigned[0].data.expertIds).toHaveLength(3);
    expect(await h.db.collection('processed_events').countDocuments({ eventId: event.id })).toBe(1);
  });

  it('never puts an expert of the applicant or of a lead unit on the panel', async () => {
    const [sameCode, sameName, leadUnit] = [
      await appoint(h, `conflict-code-${Math.random()}`, ['intelligent_speech'], {
        organisation: '另一个名称',
        creditCode: APPLICANT_CODE,
      }),
      await appoint(h, `conflict-name-${Math.random()}`, ['intelligent_speech'], {
        organisation: '合肥某智能科技有限公司',
      }),
      await appoint(h, `conflict-unit-${Math.random()}`, ['intelligent_speech'], {
        organisation: '市经信局',
        unitId: 'city-economy-it',
      }),
    ];
    const free = await experts(3, 'free', ['robotics']);
    const conflicted = new Set([sameCode!.id, sameName!.id, leadUnit!.id]);

    // The allocation is linked to a task the committee has heard of (led by city-economy-it).
    const code = taskCode();
    const started = taskCompleted(code, { from: 'assigned', to: 'in_progress' }, 2);
    await h.publish(started);
    await eventually(
      async () => (await h.db.collection('task_units').findOne({ _id: code as never })) ?? undefined,
      10_000,
      'task units recorded',
    );
    const allocation = allocationReviewRequested({ applicantCreditCode: APPLICANT_CODE, taskCode: code });
    await h.publish(allocation);
    const review = await reviewOpenedBy(allocation.id);
    expect(review.type).toBe('allocation_review');
    expect(review.allocationId).toBe(allocation.data.allocationId);
    // The conflicted experts share the review's field (speech); the free ones do not, and still they are chosen.
    expect(review.panel.map((m) => m.expertId).sort()).toEqual(free.map((e) => e.id).sort());

    const completion = taskCompleted(taskCode());
    await h.publish(completion);
    const appraisal = await reviewOpenedBy(completion.id);
    // Only the lead unit's expert is conflicted for the appraisal (no applicant there).
    expect(appraisal.panel.map((m) => m.expertId)).not.toContain(leadUnit!.id);
    const ids = appraisal.panel.map((m) => m.expertId);
    expect(ids.slice(0, 2).sort()).toEqual([sameCode!.id, sameName!.id].sort()); // they share the field
    expect(free.map((e) => e.id)).toContain(ids[2]);
    expect(conflicted.size).toBe(3);
  });

  it('shows a panel member only the fact of the assignment until they declare no conflict; others are told nothing', async () => {
    const panel = await experts(3, 'gate');
    const outsider = await appoint(h, `outsider-${Math.random()}`, ['robotics']);
    const review = await officeReview('人工智能产业发展战略咨询', 'confidential material');
    expect(review.panel.map((m) => m.expertId).sort()).toEqual(panel.map((e) => e.id).sort());
    const member = panel[0]!;

    const before = await get(member, review.id);
    expect(before.visibility).toBe('assignment_only');
    expect(before.material).toBeUndefined();
    expect(before.myExpertId).toBe(member.id);
    const early = await failure(score(member, review.id, { soundness: 4, feasibility: 4, impact: 4 }, 'too early'));
    expect(early.code).toBe('conflict');

    const declared = await h.rpc.request(declareNoConflictRpc, { context: expertCtx(member), reviewId: review.id });
    expect(declared.visibility).toBe('full');
    expect(declared.material?.text).toBe('confidential material');
    expect((await failure(get(outsider, review.id))).code).toBe('not_found');
    const mine = await h.rpc.request(listReviewsRpc, { context: expertCtx(outsider), limit: 50 });
    expect(mine.items.map((r) => r.id)).not.toContain(review.id);
    const theirs = await h.rpc.request(listReviewsRpc, { context: expertCtx(member), limit: 50 });
    expect(theirs.items.map((r) => r.id)).toEqual([review.id]);
    expect((await asManager(review.id)).material?.text).toBe('confidential material');
    // A bureau has no committee.view at all.
    const bureau = await failure(h.rpc.request(listReviewsRpc, { context: as('bureau-user', ['bureau']), limit: 10 }));
    expect(bureau.code).toBe('forbidden');
  });

  it('replaces an expert who declines, passing the chair on; with nobody left the panel stays short', async () => {
    const pool = await experts(4, 'decline');
    const review = await officeReview('decline test', 'material');
    const chair = review.panel.find((m) => m.role === 'chair')!;
    const chairExpert = pool.find((e) => e.id === chair.expertId)!;
    const spare = pool.find((e) => !review.panel.some((m) => m.expertId === e.id))!;

    const after = await h.rpc.request(declineReviewRpc, {
      context: expertCtx(chairExpert),
      reviewId: review.id,
      reason: '我曾参与该项目的前期论证',
    });
    const replacement = after.panel.find((m) => m.expertId === spare.id);
    expect(replacement).toMatchObject({ status: 'assigned', role: 'member', replacesExpertId: chair.expertId });
    expect(after.panel.find((m) => m.expertId === chair.expertId)).toMatchObject({
      status: 'declined',
      role: 'member',
    });
    expect(after.panel.filter((m) => m.role === 'chair' && m.status !== 'declined')).toHaveLength(1);
    expect(after.understaffed).toBe(false);
    const declined = (await h.events('review.declined')).filter((e) => e.data.reviewId === review.id);
    expect(declined).toHaveLength(1);
    expect(declined[0].data.replacementExpertId).toBe(spare.id);
    // The replacement sees the review in their list.
    const list = await h.rpc.request(listReviewsRpc, { context: expertCtx(spare), limit: 10 });
    expect(list.items.map((r) => r.id)).toContain(review.id);

    // Nobody eligible left: the panel shrinks and says so.
    const again = await h.rpc.request(declineReviewRpc, {
      context: expertCtx(spare),
      reviewId: review.id,
      reason: 'busy',
    });
    expect(again.understaffed).toBe(true);
    expect(again.panel.filter((m) => m.status !== 'declined')).toHaveLength(2);
    expect(
      (
        await failure(
          get(chairExpert, review.id).then(() =>
            h.rpc.request(declineReviewRpc, {
              context: expertCtx(chairExpert),
              reviewId: review.id,
              reason: 'twice',
            }),
          ),
        )
      ).code,
    ).toBe('conflict');
  });

  it('takes a suspended expert off open panels (with a replacement) and refuses their further actions', async () => {
    const pool = await experts(4, 'suspend');
    const review = await officeReview('suspension test', 'material');
    const leaving = pool.find((e) => e.id === review.panel[1]!.expertId)!;
    const spare = pool.find((e) => !review.panel.some((m) => m.expertId === e.id))!;
    await h.rpc.request(declareNoConflictRpc, { context: expertCtx(leaving), reviewId: review.id });
    await h.rpc.request(suspendExpertRpc, {
      context: as('office-user', ['office']),
      expertId: leaving.id,
      reason: '违反回避规定',
    });
    const after = await asManager(review.id);
    expect(after.panel.find((m) => m.expertId === leaving.id)).toMatchObject({ status: 'declined' });
    expect(after.panel.find((m) => m.expertId === spare.id)).toMatchObject({
      status: 'assigned',
      replacesExpertId: leaving.id,
    });
    const refused = await failure(score(leaving, review.id, { soundness: 3, feasibility: 3, impact: 3 }, 'x'));
    expect(refused.code).toBe('forbidden');
    // Running the sweep again changes nothing.
    expect(await h.app.get(Reviews).withdrawUnserving()).toBe(0);

    // A chair who scored and is then suspended keeps the scores but hands the chair on.
    const chair = pool.find((e) => e.id === after.panel.find((m) => m.role === 'chair')!.expertId)!;
    await h.rpc.request(declareNoConflictRpc, { context: expertCtx(chair), reviewId: review.id });
    await score(chair, review.id, { soundness: 4, feasibility: 4, impact: 4 }, 'ok');
    await h.rpc.request(suspendExpertRpc, {
      context: as('office-user', ['office']),
      expertId: chair.id,
      reason: '离任',
    });
    const handed = await asManager(review.id);
    expect(handed.panel.find((m) => m.expertId === chair.id)).toMatchObject({ status: 'scored', role: 'member' });
    expect(handed.panel.filter((m) => m.role === 'chair' && m.status !== 'declined')).toHaveLength(1);
    expect(handed.panel.find((m) => m.role === 'chair')!.expertId).not.toBe(chair.id);
  });

  it('completes a panel opened before enough experts served once they do', async () => {
    const review = await officeReview('no experts yet', 'material');
    expect(review.panel).toEqual([]);
    expect(review.understaffed).toBe(true);
    const pool = await experts(3, 'late-comer');
    const reviews = h.app.get(Reviews);
    expect(await reviews.fillUnderstaffed()).toBeGreaterThanOrEqual(1);
    const filled = await asManager(review.id);
    expect(filled.panel.map((m) => m.expertId).sort()).toEqual(pool.map((e) => e.id).sort());
    expect(filled.panel.filter((m) => m.role === 'chair')).toHaveLength(1);
    expect(filled.understaffed).toBe(false);
    await eventsOf(h, 'review.assigned', (e) => e.data.reviewId === review.id);
    expect(await reviews.fillUnderstaffed()).toBe(0);
  });

  it('validates scores against the rubric and lets only the chair conclude, once all scored, emitting review.concluded', async () => {
    const pool = await experts(3, 'score');
    const code = taskCode();
    const event = taskCompleted(code);
    await h.publish(event);
    const review = await reviewOpenedBy(event.id);
    const byId = new Map(pool.map((e) => [e.id, e]));
    const chair = byId.get(review.panel.find((m) => m.role === 'chair')!.expertId)!;
    const members = review.panel.filter((m) => m.role === 'member').map((m) => byId.get(m.expertId)!);
    for (const e of pool) await h.rpc.request(declareNoConflictRpc, { context: expertCtx(e), reviewId: review.id });

    const missing = await failure(score(chair, review.id, { objectives_met: 5, quality: 4 }, 'partial'));
    expect(missing.code).toBe('validation');
    expect(missing.issues?.map((i) => i.path).sort()).toEqual(['scores.documentation', 'scores.funds_use']);
    const outOfRange = await failure(
      score(chair, review.id, { objectives_met: 6, quality: 4, funds_use: 3, documentation: 2 }, 'six'),
    );
    expect(outOfRange.code).toBe('validation');
    expect((await asManager(review.id)).version).toBe(3); // three declarations, nothing else

    const sheets = [
      { objectives_met: 5, quality: 4, funds_use: 3, documentation: 2 }, // 3.95
      { objectives_met: 4, quality: 4, funds_use: 4, documentation: 4 }, // 4
      { objectives_met: 3, quality: 3, funds_use: 5, documentation: 5 }, // 3.6
    ];
    await score(chair, review.id, sheets[0]!, 'good');
    const early = await failure(conclude(chair, review.id, 'pass', 'ok'));
    expect(early.code).toBe('conflict');
    for (const [i, m] of members.entries()) {
      const scored = await score(m, review.id, sheets[i + 1]!, `member ${i}`);
      // A member sees their own scores, not the others'.
      expect(scored.panel.filter((p) => p.scores)).toHaveLength(1);
    }
    const notChair = await failure(conclude(members[0]!, review.id, 'pass', 'x'));
    expect(notChair.code).toBe('forbidden');
    const wrongKind = await failure(conclude(chair, review.id, 'approve', 'x'));
    expect(wrongKind.code).toBe('validation');

    const concluded = await conclude(chair, review.id, 'pass', '目标基本完成，同意通过验收');
    expect(concluded.status).toBe('concluded');
    expect(concluded.conclusion).toMatchObject({ conclusion: 'pass', weightedScore: 3.85 }); // (3.95 + 4 + 3.6) / 3
    const events = await eventsOf(h, 'review.concluded', (e) => e.data.reviewId === review.id);
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({
      reviewId: review.id,
      type: 'acceptance_appraisal',
      taskCode: code,
      conclusion: 'pass',
      summary: '目标基本完成，同意通过验收',
      weightedScore: 3.85,
      panelSize: 3,
      chairExpertId: chair.id,
    });
    const late = await failure(score(chair, review.id, sheets[1]!, 'late'));
    expect(late.code).toBe('conflict');
  });

  it('reminds once when the deadline nears, flags a review past its deadline once, and lists it as overdue', async () => {
    await experts(3, 'late');
    const review = await officeReview('deadline test', 'material');
    const reviews = h.app.get(Reviews);
    // Due in 14 days: no reminder now, one when 3 days remain, never twice.
    expect(await reviews.remindDue()).toBe(0);
    const soon = new Date(Date.now() + 12 * 86_400_000);
    expect(await reviews.remindDue(soon)).toBeGreaterThanOrEqual(1);
    expect(await reviews.remindDue(soon)).toBe(0);
    const reminded = await eventsOf(h, 'review.reminded', (e) => e.data.reviewId === review.id);
    expect(reminded[0].data.pendingExpertIds).toHaveLength(3);
    const later = new Date(Date.now() + 20 * 86_400_000);
    expect(await reviews.flagOverdue(later)).toBeGreaterThanOrEqual(1);
    expect(await reviews.flagOverdue(later)).toBe(0);
    const overdue = await reviews.list(as('secretariat-user'), { overdue: true }, 100, later);
    expect(overdue.find((r) => r.id === review.id)).toMatchObject({ overdue: true });
    const flagged = await eventsOf(h, 'review.overdue', (e) => e.data.reviewId === review.id);
    expect(flagged).toHaveLength(1);
    expect(flagged[0].data.pendingExpertIds).toHaveLength(3);
  });
});
