import {
  appointExpertRpc,
  correctAdviceRpc,
  listAdviceRpc,
  listExpertsRpc,
  recordAdviceRpc,
  respondRecommendationRpc,
  suspendExpertRpc,
} from '@aiplat/contracts';
import { uniqueToken } from '@aiplat/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appoint,
  as,
  eventually,
  eventsOf,
  failure,
  startCommitteeService,
  TERM,
  type CommitteeHarness,
} from './committee-service';

/** Experts and advice against real NATS and FerretDB: permissions, bad input, kept revisions. */
describe('committee experts and advice', () => {
  let h: CommitteeHarness;

  beforeAll(async () => {
    h = await startCommitteeService();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('appoints (office or secretariat only) and suspends experts; bad input changes nothing', async () => {
    const userId = uniqueToken('user-');
    const expert = await appoint(h, userId, ['machine_vision', 'chips'], {
      organisation: '中国科学技术大学',
      creditCode: '91350100M000100Y43',
    });
    expect(expert).toMatchObject({ status: 'active', userId, fields: ['machine_vision', 'chips'] });
    const again = await failure(appoint(h, userId, ['chips']));
    expect(again.code).toBe('conflict');

    const input = { userId: uniqueToken('user-'), name: '专家', fields: ['robotics' as const], term: TERM };
    const byExpert = await failure(
      h.rpc.request(appointExpertRpc, {
        context: as(userId, ['expert']),
        ...input,
        affiliation: { organisation: 'x' },
      }),
    );
    expect(byExpert.code).toBe('forbidden');
    const badCode = await failure(
      h.rpc.request(appointExpertRpc, {
        context: as('secretariat-user'),
        ...input,
        affiliation: { organisation: 'x', creditCode: '91350100M000100Y44' },
      }),
    );
    expect(badCode.code).toBe('validation');
    expect(badCode.issues?.[0]?.path).toBe('affiliation.creditCode');
    const badTerm = await failure(
      h.rpc.request(appointExpertRpc, {
        context: as('office-user', ['office']),
        ...input,
        affiliation: { organisation: 'x' },
        term: { from: '2027-01-01', to: '2026-01-01' },
      }),
    );
    expect(badTerm.code).toBe('validation');
    const all = await h.rpc.request(listExpertsRpc, { context: as('office-user', ['office']) });
    expect(all.items.map((e) => e.userId)).not.toContain(input.userId);

    const suspended = await h.rpc.request(suspendExpertRpc, {
      context: as('office-user', ['office']),
      expertId: expert.id,
      reason: '任期内出国',
    });
    expect(suspended).toMatchObject({ status: 'suspended', suspension: { reason: '任期内出国' } });
    expect(
      (await failure(h.rpc.request(suspendExpertRpc, { context: as('s'), expertId: expert.id, reason: 'x' }))).code,
    ).toBe('conflict');
    const events = await eventually(
      async () => ((await h.events('expert.suspended')).length ? h.events('expert.appointed') : undefined),
      10_000,
      'expert events',
    );
    expect(events.filter((e) => e.data.expertId === expert.id)).toHaveLength(1);
    const bureau = await failure(h.rpc.request(listExpertsRpc, { context: as('b', ['bureau']) }));
    expect(bureau.code).toBe('forbidden');
  });

  it('records advice, keeps the earlier version on a correction, and takes the office’s response per recommendation', async () => {
    const author = await appoint(h, uniqueToken('author-'), ['intelligent_speech']);
    const coAuthor = await appoint(h, uniqueToken('co-'), ['cognitive_intelligence']);
    const other = await appoint(h, uniqueToken('other-'), ['robotics']);
    const ctx = as(author.userId, ['expert']);
    const advice = await h.rpc.request(recordAdviceRpc, {
      context: ctx,
      subject: { kind: 'strategic_question', ref: '语音产业集群的下一步' },
      title: '关于智能语音产业集群的建议',
      text: '建议加强产业链协同。',
      coAuthorExpertIds: [coAuthor.id],
      recommendations: ['设立专项基金', '建设公共测试平台'],
    });
    expect(advice).toMatchObject({ revision: 1, expertIds: [author.id, coAuthor.id], previous: [] });
    expect(advice.recommendations.map((r) => r.status)).toEqual(['pending', 'pending']);

    const responded = await h.rpc.request(respondRecommendationRpc, {
      context: as('office-user', ['office']),
      adviceId: advice.id,
      index: 1,
      status: 'adopted',
      response: '已列入年度工作要点',
    });
    expect(responded.recommendations[1]).toMatchObject({ status: 'adopted', respondedBy: 'office-user' });
    const outOfRange = await failure(
      h.rpc.request(respondRecommendationRpc, {
        context: as('office-user', ['office']),
        adviceId: advice.id,
        index: 5,
        status: 'adopted',
        response: 'x',
      }),
    );
    expect(outOfRange.code).toBe('validation');
    const byExpert = await failure(
      h.rpc.request(respondRecommendationRpc, {
        context: ctx,
        adviceId: advice.id,
        index: 0,
        status: 'adopted',
        response: 'x',
      }),
    );
    expect(byExpert.code).toBe('forbidden');

    const correction = {
      adviceId: advice.id,
      expectedRevision: 1,
      title: '关于智能语音产业集群的建议（修订）',
      text: '建议加强产业链协同，并引进龙头企业。',
      recommendations: ['设立专项引导基金', '建设公共测试平台'],
    };
    const notAuthor = await failure(
      h.rpc.request(correctAdviceRpc, { context: as(other.userId, ['expert']), ...correction }),
    );
    expect(notAuthor.code).toBe('forbidden');
    const corrected = await h.rpc.request(correctAdviceRpc, { context: ctx, ...correction });
    expect(corrected.revision).toBe(2);
    expect(corrected.previous).toEqual([
      expect.objectContaining({
        revision: 1,
        text: '建议加强产业链协同。',
        recommendations: ['设立专项基金', '建设公共测试平台'],
      }),
    ]);
    // The reworded recommendation waits for a response again; the unchanged one keeps its response.
    expect(corrected.recommendations.map((r) => r.status)).toEqual(['pending', 'adopted']);
    const stale = await failure(h.rpc.request(correctAdviceRpc, { context: ctx, ...correction }));
    expect(stale.code).toBe('conflict');

    const listed = await h.rpc.request(listAdviceRpc, {
      context: as(other.userId, ['expert']),
      subjectKind: 'strategic_question',
      limit: 10,
    });
    expect(listed.items.map((a) => a.id)).toEqual([advice.id]);
    expect(listed.items[0]?.previous).toHaveLength(1);
    const recorded = await eventsOf(h, 'advice.recorded', (e) => e.data.adviceId === advice.id, 2);
    expect(recorded.map((e) => e.data.revision)).toEqual([1, 2]);
  });

  it('refuses advice from a user who is not a serving expert', async () => {
    const refused = await failure(
      h.rpc.request(recordAdviceRpc, {
        context: as(uniqueToken('nobody-'), ['expert']),
        subject: { kind: 'task', ref: '2020-3.2' },
        title: 't',
        text: 't',
        recommendations: [],
      }),
    );
    expect(refused.code).toBe('forbidden');
  });
});
