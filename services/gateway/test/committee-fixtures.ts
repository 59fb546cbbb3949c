import { expect } from 'vitest';
import type { Gateway } from './gateway-harness';

/**
 * Fixtures for the committee rows of the permission matrix (and the committee suite), made
 * through the API. The harness's `expert` account is appointed with the field `sensors`, which no
 * other fixture expert has, so every `sensors` review puts it first on the panel (as chair).
 */

export const EXPERT_TERM = { from: '2026-01-01', to: '2030-12-31' };
export const NO_SUCH_EXPERT = `ex-${'0'.repeat(32)}`;
export const NO_SUCH_ADVICE = `ad-${'0'.repeat(32)}`;
export const NO_SUCH_REVIEW = `rv-${'0'.repeat(32)}`;

const appointed = new WeakMap<Gateway, Promise<string>>();

/** The expert id of the harness's `expert` account, appointed on first use. */
export function harnessExpert(gw: Gateway): Promise<string> {
  let id = appointed.get(gw);
  if (!id) {
    id = (async () => {
      const res = await gw.api('POST', '/api/v1/committee/experts', {
        token: gw.accounts.secretariat.token,
        body: {
          userId: gw.accounts.expert.id,
          name: gw.accounts.expert.displayName,
          affiliation: { organisation: '合肥工业大学' },
          fields: ['sensors'],
          term: EXPERT_TERM,
        },
      });
      expect(res.status, res.text).toBe(201);
      return res.json.id as string;
    })();
    appointed.set(gw, id);
  }
  return id;
}

/** A fresh expert (a throw-away user with the expert role), appointed by the secretariat. */
export async function appointedExpert(gw: Gateway, fields: string[] = ['robotics']): Promise<string> {
  const user = await gw.throwawayUser({ roles: ['expert'], unitId: 'committee-secretariat' });
  const res = await gw.api('POST', '/api/v1/committee/experts', {
    token: gw.accounts.secretariat.token,
    body: {
      userId: user.id,
      name: user.username,
      affiliation: { organisation: '某研究院' },
      fields,
      term: EXPERT_TERM,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id;
}

export function reviewRequest(fields: string[] = ['sensors']) {
  return {
    title: '传感器产业链咨询',
    subject: { kind: 'strategic_question', ref: 'sensor supply chain' },
    material: '材料',
    fields,
  };
}

export type ReviewStage = 'assigned' | 'declared' | 'scored';

/** A fresh `sensors` review with the harness's expert on its panel, moved by that expert up to `stage`. */
export async function reviewAt(gw: Gateway, stage: ReviewStage): Promise<string> {
  await harnessExpert(gw);
  const res = await gw.api('POST', '/api/v1/committee/reviews', {
    token: gw.accounts.secretariat.token,
    body: reviewRequest(),
  });
  expect(res.status, res.text).toBe(201);
  const id: string = res.json.id;
  const token = gw.accounts.expert.token;
  if (stage !== 'assigned') {
    expect((await gw.api('POST', `/api/v1/committee/reviews/${id}/declaration`, { token })).status).toBe(200);
  }
  if (stage === 'scored') {
    const scored = await gw.api('PUT', `/api/v1/committee/reviews/${id}/scores`, {
      token,
      body: { scores: { soundness: 4, feasibility: 3, impact: 5 }, comment: '论证较充分' },
    });
    expect(scored.status, scored.text).toBe(200);
  }
  return id;
}

/** Advice recorded by the harness's expert; returns its id. */
export async function adviceByExpert(gw: Gateway): Promise<string> {
  await harnessExpert(gw);
  const res = await gw.api('POST', '/api/v1/committee/advice', {
    token: gw.accounts.expert.token,
    body: adviceBody(),
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id;
}

export function adviceBody() {
  return {
    subject: { kind: 'task', ref: '2020-3.2' },
    title: '关于智能语音产业集群的建议',
    text: '建议加强产业链协同。',
    recommendations: ['设立专项基金'],
  };
}
