import { permissionsOf, type Permission } from '@aiplat/contracts';
import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasksService } from './tasks-service';
import { API_ROUTES, type ApiRouteSpec } from '../src/http/api-route';
import {
  ACCOUNT_NAMES,
  problemDefects,
  startGateway,
  type AccountName,
  type ApiResponse,
  type Gateway,
  type TestUser,
} from './gateway-harness';
import { daysFromNow, ensureAssigned, openNotice, pendingExtension, respondedNotice } from './supervision-fixtures';
import { currentPeriod, submittedReport } from './report-fixtures';
import { startFundingService, type FundingHarness } from '../../funding/test/funding-service';
import { allocationAt, allocationFor, BLACKLIST_CREDIT_CODE, fundingDraft, MATRIX_BUDGET } from './funding-fixtures';
import { startConsultationsService } from './consultations-service';
import { talentAt, talentBody, talentFor } from './talent-fixtures';
import { startTalentService } from './talent-service';
import {
  anHourAgo,
  cancellationRecord,
  ENTERPRISE_CREDIT_CODE,
  heldMeeting,
  meetingBody,
  openResolution,
  scheduledMeeting,
} from './consultation-fixtures';
import { startCommitteeService, type CommitteeHarness } from '../../committee/test/committee-service';
import {
  adviceBody,
  adviceByExpert,
  appointedExpert,
  EXPERT_TERM,
  harnessExpert,
  NO_SUCH_ADVICE,
  NO_SUCH_EXPERT,
  NO_SUCH_REVIEW,
  reviewAt,
  reviewRequest,
} from './committee-fixtures';

/**
 * Every route of API_ROUTES × every role (both bureau accounts) + anonymous,
 * through real HTTP. The expected outcome comes from the route's declared
 * access and the permission matrix in @aiplat/contracts:
 *  - anonymous on a non-public route → 401;
 *  - a signed-in caller lacking the route's permission → 403;
 *  - anyone allowed → the route's success status, with a body matching its schema.
 * A route without a sample below fails the suite: add one for every new route.
 */

type Caller = 'anonymous' | AccountName;
const CALLERS: Caller[] = ['anonymous', ...ACCOUNT_NAMES];

interface SampleRequest {
  /** The concrete path (placeholders filled in). */
  path: string;
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Call with a new session of the caller's account (for routes that end the session they are called with). */
  freshSession?: boolean;
}

interface SampleContext {
  gw: Gateway;
  caller: Caller;
  /** A user made for this one request, to be changed or deactivated without affecting other rows. */
  throwawayUser(): Promise<TestUser>;
  /** A user that only ever signs in (never changed). */
  signInUser: TestUser;
}

type Sample = (ctx: SampleContext) => SampleRequest | Promise<SampleRequest>;

const samples: Record<string, Sample> = {
  liveness: () => ({ path: '/healthz' }),
  readiness: () => ({ path: '/readyz' }),
  signIn: ({ signInUser }) => ({
    path: '/api/v1/auth/sign-in',
    body: { username: signInUser.username, password: signInUser.password },
  }),
  refresh: async ({ gw, signInUser }) => {
    const session = await gw.signIn(signInUser.username, signInUser.password);
    return { path: '/api/v1/auth/refresh', headers: { cookie: session.refreshCookie! } };
  },
  signOut: () => ({ path: '/api/v1/auth/sign-out', freshSession: true }),
  me: () => ({ path: '/api/v1/me' }),
  listUnits: () => ({ path: '/api/v1/units' }),
  getUnit: () => ({ path: '/api/v1/units/city-economy-it' }),
  listUsers: () => ({ path: '/api/v1/users', query: { unitId: 'lg-office', active: 'true' } }),
  createUser: () => ({
    path: '/api/v1/users',
    body: {
      username: `mx-${uniqueToken('')}`,
      displayName: 'Matrix row',
      unitId: 'city-drc',
      roles: ['bureau'],
      password: 'matrix-password-123',
    },
  }),
  getUser: ({ gw }) => ({ path: `/api/v1/users/${gw.accounts.office.id}` }),
  updateUser: async ({ throwawayUser }) => ({
    path: `/api/v1/users/${(await throwawayUser()).id}`,
    body: { displayName: 'Renamed by the matrix', roles: ['expert'] },
  }),
  deactivateUser: async ({ throwawayUser }) => ({ path: `/api/v1/users/${(await throwawayUser()).id}/deactivate` }),
  activateUser: async ({ throwawayUser }) => ({ path: `/api/v1/users/${(await throwawayUser()).id}/activate` }),
  resetUserPassword: async ({ throwawayUser }) => ({
    path: `/api/v1/users/${(await throwawayUser()).id}/password`,
    body: { password: 'matrix-new-password-1' },
  }),
  listAudit: () => ({ path: '/api/v1/audit', query: { limit: '5' } }),
  listTasks: () => ({ path: '/api/v1/tasks', query: { limit: '5' } }),
  // Led by both bureau accounts' units, so visible to every caller allowed to see tasks.
  getTask: () => ({ path: '/api/v1/tasks/2020-3.2' }),
  moveTask: async ({ gw, caller }) => {
    if (caller === 'anonymous' || !permissionsOf(gw.accounts[caller].roles).includes('tasks.report')) {
      // The office (or a refused caller) assigns a draft task nobody else uses.
      return { path: `/api/v1/tasks/${takeTask()}/moves`, body: { move: 'assign' } };
    }
    // Bureau staff start a task their unit leads, once the office has assigned it.
    const code = takeTask(gw.accounts[caller].unitId);
    const assigned = await gw.api('POST', `/api/v1/tasks/${code}/moves`, {
      token: gw.accounts.office.token,
      body: { move: 'assign' },
    });
    expect(assigned.status).toBe(200);
    return { path: `/api/v1/tasks/${code}/moves`, body: { move: 'start' } };
  },
  importPolicy: () => ({ path: '/api/v1/plans/import', body: { year: 2021, text: SEED_TEXT } }),
  getPlan: () => ({ path: '/api/v1/plans/2020' }),
  // The 2021 plan (imported in beforeAll) — publishing it leaves the 2020 tasks the other rows use alone.
  publishPlan: () => ({ path: '/api/v1/plans/2021/publish' }),
  // Supervision rows act on 2020-3.2 and its sub-tasks (led by both bureau accounts' units; no other row moves them).
  sendSupervisionNotice: async ({ gw }) => {
    await ensureAssigned(gw, '2020-3.2');
    return {
      path: '/api/v1/tasks/2020-3.2/supervision-notices',
      body: { reason: '矩阵督办', requiredResponse: '书面说明', deadline: daysFromNow(30) },
    };
  },
  listSupervisionNotices: () => ({ path: '/api/v1/supervision-notices', query: { limit: '5' } }),
  getSupervisionNotice: async ({ gw }) => ({ path: `/api/v1/supervision-notices/${await openNotice(gw, '2020-3.2')}` }),
  respondToSupervisionNotice: async ({ gw }) => ({
    path: `/api/v1/supervision-notices/${await openNotice(gw, '2020-3.2')}/responses`,
    body: { response: '已落实', evidence: '会议纪要' },
  }),
  closeSupervisionNotice: async ({ gw }) => ({
    path: `/api/v1/supervision-notices/${await respondedNotice(gw, '2020-3.2')}/close`,
    body: { comment: '同意' },
  }),
  requestTaskExtension: async ({ gw, caller }) => {
    // Each lead unit asks on its own sub-task (one open request per task); refused callers never reach one.
    const own: Partial<Record<Caller, string>> = { bureauEit: '2020-3.2.1', bureauDrc: '2020-3.2.2' };
    const code = own[caller] ?? '2020-3.2.5';
    if (code !== '2020-3.2.5') await ensureAssigned(gw, code);
    return {
      path: `/api/v1/tasks/${code}/extension-requests`,
      body: { dueDate: daysFromNow(90), reason: '矩阵延期' },
    };
  },
  listExtensionRequests: () => ({ path: '/api/v1/extension-requests', query: { limit: '5' } }),
  submitReport: async ({ gw, caller }) => {
    // Each bureau reports on a sub-task of its own; refused callers never reach one.
    const own: Partial<Record<Caller, string>> = { bureauEit: '2020-3.1.2', bureauDrc: '2020-2.3.1' };
    const code = own[caller] ?? '2020-2.3.2';
    if (own[caller]) await ensureAssigned(gw, code);
    return {
      path: `/api/v1/tasks/${code}/reports`,
      body: { period: currentPeriod(), narrative: '矩阵进展报告', progress: 10 },
    };
  },
  listReports: () => ({ path: '/api/v1/reports', query: { limit: '5' } }),
  listMissingReports: () => ({ path: '/api/v1/reports/missing', query: { period: currentPeriod() } }),
  getReport: async ({ gw }) => ({ path: `/api/v1/reports/${await submittedReport(gw, '2020-3.1.1')}` }),
  returnReport: async ({ gw, caller }) => ({
    path: `/api/v1/reports/${caller === 'office' ? await submittedReport(gw, '2020-3.1.3') : `2020-3.1.3_city-economy-it_${currentPeriod()}`}/return`,
    body: { comment: '请补充佐证材料' },
  }),
  updateTask: () => ({ path: '/api/v1/tasks/2020-3.3', body: { changes: { riskLevel: 'low' } } }),
  exportResponsibilityList: () => ({
    path: '/api/v1/exports/responsibility-list',
    query: { year: '2020', format: 'csv' },
  }),
  exportProgressLedger: () => ({ path: '/api/v1/exports/progress-ledger', query: { year: '2020', format: 'xlsx' } }),
  exportFundingLedger: () => ({ path: '/api/v1/exports/funding-ledger', query: { year: '2026', format: 'csv' } }),
  // Consultation rows: records come from cancelling sub-tasks of 2020-2.2 (led by both bureau accounts' units).
  listOrganisations: () => ({ path: '/api/v1/organisations', query: { q: '科大讯飞' } }),
  registerOrganisation: () => ({
    path: '/api/v1/organisations',
    body: { kind: 'university', name: '中国科学技术大学', creditCode: ENTERPRISE_CREDIT_CODE },
  }),
  listConsultations: () => ({ path: '/api/v1/consultations', query: { limit: '5' } }),
  getConsultation: async ({ gw }) => ({
    path: `/api/v1/consultations/${(await cancellationRecord(gw, '2020-2.2.6')).id}`,
  }),
  closeConsultation: async ({ gw, caller }) => ({
    path: `/api/v1/consultations/${caller === 'secretariat' ? (await cancellationRecord(gw, '2020-2.2.5')).id : 'not-reached'}/close`,
    body: { reason: '无需另行会商' },
  }),
  scheduleMeeting: () => ({ path: '/api/v1/meetings', body: meetingBody() }),
  scheduleNextMeeting: async ({ gw, caller }) => ({
    path: `/api/v1/meetings/${caller === 'secretariat' ? (await scheduledMeeting(gw)).id : 'not-reached'}/next`,
    body: { startsAt: `${daysFromNow(120)}T02:00:00.000Z` },
  }),
  listMeetings: () => ({ path: '/api/v1/meetings', query: { limit: '5' } }),
  meetingsCalendar: () => ({ path: '/api/v1/meetings/calendar.ics' }),
  getMeeting: async ({ gw }) => ({ path: `/api/v1/meetings/${(await scheduledMeeting(gw)).id}` }),
  holdMeeting: async ({ gw, caller }) => ({
    path: `/api/v1/meetings/${caller === 'secretariat' ? (await scheduledMeeting(gw, undefined, anHourAgo())).id : 'not-reached'}/hold`,
    body: { present: [0, 1], minutes: '矩阵会议纪要' },
  }),
  approveMeetingMinutes: async ({ gw, caller }) => ({
    path: `/api/v1/meetings/${caller === 'secretariat' ? (await heldMeeting(gw)).id : 'not-reached'}/approve-minutes`,
  }),
  closeMeeting: async ({ gw, caller }) => {
    if (caller !== 'secretariat') return { path: '/api/v1/meetings/not-reached/close' };
    const held = await heldMeeting(gw);
    await gw.api('POST', `/api/v1/meetings/${held.id}/approve-minutes`, { token: gw.accounts.secretariat.token });
    return { path: `/api/v1/meetings/${held.id}/close` };
  },
  adoptResolution: async ({ gw, caller }) => ({
    path: `/api/v1/meetings/${caller === 'secretariat' ? (await heldMeeting(gw)).id : 'not-reached'}/resolutions`,
    body: { text: '矩阵决议', ownerUnitId: 'city-drc', deadline: daysFromNow(20) },
  }),
  listResolutions: () => ({ path: '/api/v1/resolutions', query: { limit: '5' } }),
  completeResolution: async ({ gw, caller }) => {
    // The secretariat, or staff of the owner unit: each allowed caller gets a resolution its unit owns.
    const owner: Partial<Record<Caller, string>> = {
      bureauEit: 'city-economy-it',
      bureauDrc: 'city-drc',
      secretariat: 'city-drc',
    };
    const unit = owner[caller];
    return {
      path: `/api/v1/resolutions/${unit ? (await openResolution(gw, unit)).id : 'not-reached'}/done`,
      body: { note: '已落实' },
    };
  },
  // Talent rows: only the talent staff manage; the office, talent staff and admins see records.
  listTalent: () => ({ path: '/api/v1/talent', query: { limit: '5' } }),
  createTalent: () => ({ path: '/api/v1/talent', body: talentBody() }),
  getTalent: async ({ gw }) => ({ path: `/api/v1/talent/${await talentAt(gw, 'identified')}` }),
  moveTalent: async ({ gw, caller }) => ({
    path: `/api/v1/talent/${await talentFor(gw, caller, 'identified')}/moves`,
    body: { to: 'contacted' },
  }),
  logTalentContact: async ({ gw, caller }) => ({
    path: `/api/v1/talent/${await talentFor(gw, caller, 'identified')}/contacts`,
    body: { channel: 'phone', note: '初次联系' },
  }),
  offerTalentPackage: async ({ gw, caller }) => ({
    path: `/api/v1/talent/${await talentFor(gw, caller, 'negotiating')}/package`,
    body: { terms: [{ kind: 'team_positions', description: '团队编制 5 人' }] },
  }),
  decideTalentPackage: async ({ gw, caller }) => ({
    path: `/api/v1/talent/${await talentFor(gw, caller, 'negotiating', true)}/package/decision`,
    body: { accept: true },
  }),
  linkTalent: async ({ gw, caller }) => ({
    path: `/api/v1/talent/${await talentFor(gw, caller, 'onboarded')}/links`,
    body: { taskCode: '2020-4.1' },
  }),
  recordTalentFollowUp: async ({ gw, caller }) => ({
    path: `/api/v1/talent/${await talentFor(gw, caller, 'onboarded')}/follow-ups`,
    body: { year: new Date().getUTCFullYear(), stillInCity: true, patents: 0, products: 0, companiesFounded: 0 },
  }),
  talentFigures: () => ({ path: '/api/v1/talent-figures' }),
  setTalentTarget: () => ({ path: '/api/v1/talent-figures/targets/2026/top_scientist', body: { count: 2 } }),
  exportTalent: () => ({ path: '/api/v1/exports/talent', query: { format: 'csv' } }),
  decideExtensionRequest: async ({ gw, caller }) => ({
    path: `/api/v1/extension-requests/${caller === 'office' ? await pendingExtension(gw, '2020-3.2.3') : randomUUID()}/decision`,
    body: { approve: true },
  }),
  // Funding rows: only the funding officer holds funding.manage; fixtures come from a second officer (four eyes).
  listFundingProgrammes: () => ({ path: '/api/v1/funding/programmes' }),
  seedFundingProgrammes: () => ({ path: '/api/v1/funding/programmes/seed' }),
  setFundingBudget: () => ({
    path: '/api/v1/funding/programmes/high-quality/budgets/2026',
    body: { amount: MATRIX_BUDGET, reason: 'matrix budget' },
  }),
  fundingBudgetUsage: () => ({ path: '/api/v1/funding/budgets', query: { year: '2026' } }),
  blacklistFundingApplicant: () => ({
    path: '/api/v1/funding/blacklist',
    body: { creditCode: BLACKLIST_CREDIT_CODE, reason: 'matrix row' },
  }),
  createFundingAllocation: () => ({ path: '/api/v1/funding/allocations', body: fundingDraft() }),
  listFundingAllocations: () => ({ path: '/api/v1/funding/allocations', query: { limit: '5' } }),
  fundingApprovalQueue: () => ({ path: '/api/v1/funding/approval-queue' }),
  getFundingAllocation: async ({ gw }) => ({ path: `/api/v1/funding/allocations/${await allocationAt(gw, 'draft')}` }),
  submitFundingAllocation: async ({ gw, caller }) => ({
    path: `/api/v1/funding/allocations/${await allocationFor(gw, caller, 'draft')}/submit`,
  }),
  requestFundingReview: async ({ gw, caller }) => ({
    path: `/api/v1/funding/allocations/${await allocationFor(gw, caller, 'eligibility_checked')}/review-request`,
  }),
  recordFundingReview: async ({ gw, caller }) => ({
    path: `/api/v1/funding/allocations/${await allocationFor(gw, caller, 'under_review')}/review`,
    body: { conclusion: 'recommend', summary: '专家组同意' },
  }),
  approveFundingAllocation: async ({ gw, caller }) => ({
    path: `/api/v1/funding/allocations/${await allocationFor(gw, caller, 'under_review')}/approve`,
    body: {},
  }),
  rejectFundingAllocation: async ({ gw, caller }) => ({
    path: `/api/v1/funding/allocations/${await allocationFor(gw, caller, 'under_review')}/reject`,
    body: { reason: 'matrix rejection' },
  }),
  actOnFundingTranche: async ({ gw, caller }) => ({
    path: `/api/v1/funding/allocations/${await allocationFor(gw, caller, 'approved')}/tranches/0/actions`,
    body: { action: 'make_payable' },
  }),
  listTaskFundingChecks: () => ({ path: '/api/v1/tasks/2020-3.2/funding-checks' }),
  listFundingLedger: () => ({ path: '/api/v1/funding/ledger', query: { limit: '5' } }),
  // Committee rows: the office and secretariat manage, the expert advises; fixtures from committee-fixtures.ts.
  listCommitteeExperts: () => ({ path: '/api/v1/committee/experts', query: { status: 'active' } }),
  appointCommitteeExpert: async ({ gw }) => ({
    path: '/api/v1/committee/experts',
    body: {
      userId: (await gw.throwawayUser({ roles: ['expert'] })).id,
      name: '矩阵专家',
      affiliation: { organisation: '某大学' },
      fields: ['robotics'],
      term: EXPERT_TERM,
    },
  }),
  suspendCommitteeExpert: async ({ gw, caller }) => ({
    path: `/api/v1/committee/experts/${caller === 'office' || caller === 'secretariat' ? await appointedExpert(gw) : NO_SUCH_EXPERT}/suspend`,
    body: { reason: '矩阵测试' },
  }),
  listCommitteeAdvice: () => ({ path: '/api/v1/committee/advice', query: { limit: '5' } }),
  recordCommitteeAdvice: async ({ gw, caller }) => {
    if (caller === 'expert') await harnessExpert(gw);
    return { path: '/api/v1/committee/advice', body: adviceBody() };
  },
  correctCommitteeAdvice: async ({ gw, caller }) => ({
    path: `/api/v1/committee/advice/${caller === 'expert' ? await adviceByExpert(gw) : NO_SUCH_ADVICE}/corrections`,
    body: { title: '修订', text: '修订后的建议。', recommendations: ['设立专项基金'], expectedRevision: 1 },
  }),
  respondToCommitteeRecommendation: async ({ gw, caller }) => ({
    path: `/api/v1/committee/advice/${caller === 'office' || caller === 'secretariat' ? await adviceByExpert(gw) : NO_SUCH_ADVICE}/recommendations/0/response`,
    body: { status: 'under_study', response: '研究中' },
  }),
  listCommitteeReviews: () => ({ path: '/api/v1/committee/reviews', query: { limit: '5' } }),
  requestCommitteeReview: () => ({ path: '/api/v1/committee/reviews', body: reviewRequest(['robotics']) }),
  getCommitteeReview: async ({ gw, caller }) => ({
    path: `/api/v1/committee/reviews/${['office', 'secretariat', 'expert'].includes(caller) ? await reviewAt(gw, 'assigned') : NO_SUCH_REVIEW}`,
  }),
  declareNoConflictOfInterest: async ({ gw, caller }) => ({
    path: `/api/v1/committee/reviews/${caller === 'expert' ? await reviewAt(gw, 'assigned') : NO_SUCH_REVIEW}/declaration`,
  }),
  declineCommitteeReview: async ({ gw, caller }) => ({
    path: `/api/v1/committee/reviews/${caller === 'expert' ? await reviewAt(gw, 'assigned') : NO_SUCH_REVIEW}/decline`,
    body: { reason: '曾参与该项目' },
  }),
  scoreCommitteeReview: async ({ gw, caller }) => ({
    path: `/api/v1/committee/reviews/${caller === 'expert' ? await reviewAt(gw, 'declared') : NO_SUCH_REVIEW}/scores`,
    body: { scores: { soundness: 4, feasibility: 4, impact: 4 }, comment: '同意' },
  }),
  concludeCommitteeReview: async ({ gw, caller }) => ({
    path: `/api/v1/committee/reviews/${caller === 'expert' ? await reviewAt(gw, 'scored') : NO_SUCH_REVIEW}/conclusion`,
    body: { conclusion: 'approve', summary: '同意' },
  }),
};

const SEED_TEXT = readFileSync(resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt'), 'utf8');
/** Top-level seed tasks with their lead units, each handed to one matrix row only. */
let freeTasks: Array<{ code: string; leadUnitIds: string[] }> = [];
function takeTask(leadUnitId?: string): string {
  const i = freeTasks.findIndex((t) => !leadUnitId || t.leadUnitIds.includes(leadUnitId));
  if (i < 0) throw new Error(`no unused seed task${leadUnitId ? ` led by ${leadUnitId}` : ''} left for the matrix`);
  const [task] = freeTasks.splice(i, 1);
  return task!.code;
}

type Expected = 'unauthenticated' | 'forbidden' | 'allowed';

function expectedOutcome(route: ApiRouteSpec, caller: Caller, gw: Gateway): Expected {
  if (route.access === 'public') return 'allowed';
  if (caller === 'anonymous') return 'unauthenticated';
  if (route.access === 'authenticated') return 'allowed';
  // One permission, or any of several.
  const needed: readonly Permission[] = typeof route.access === 'string' ? [route.access] : route.access;
  const held = permissionsOf(gw.accounts[caller].roles);
  return needed.some((p) => held.includes(p)) ? 'allowed' : 'forbidden';
}

/**
 * For a route nobody wrote a sample for yet: the refusals (401, 403) are still checked, since
 * authentication and the permission come before any validation; an allowed row fails, asking for
 * a sample (nothing is sent, so a state-changing route is never called with made-up input).
 */
function placeholderSample(route: ApiRouteSpec, expected: Expected): Sample {
  return () => {
    if (expected === 'allowed') {
      throw new Error(`no sample for ${route.operationId}: add one to the samples table of this file`);
    }
    return { path: route.path.replace(/\{\w+\}/g, 'placeholder') };
  };
}

function pathPattern(template: string): RegExp {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${template
      .split(/\{\w+\}/)
      .map(literal)
      .join('[^/]+')}$`,
  );
}

let gw: Gateway;
let tasks: INestMicroservice;
let funding: FundingHarness;
let consultations: INestMicroservice;
let talent: INestMicroservice;
let committee: CommitteeHarness;
let signInUser: TestUser;

beforeAll(async () => {
  // Consultations hears the tasks service's events (the same topology prefix).
  const prefix = uniqueToken();
  tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
  consultations = await startConsultationsService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
  funding = await startFundingService();
  talent = await startTalentService();
  // Panels of one: the harness's expert (the only `sensors` expert) is every sensors review's chair.
  committee = await startCommitteeService({ REVIEW_PANEL_SIZE: '1' });
  gw = await startGateway();
  signInUser = await gw.throwawayUser({ roles: ['expert'], unitId: 'committee-secretariat' });
  const office = gw.accounts.office.token;
  expect(
    (await gw.api('POST', '/api/v1/plans/import', { token: office, body: { year: 2020, text: SEED_TEXT } })).status,
  ).toBe(200);
  const listed = await gw.api('GET', '/api/v1/tasks', {
    token: office,
    query: { limit: '500', topLevelOnly: 'true', year: '2020' },
  });
  freeTasks = listed.json.items
    .filter((t: { code: string }) => t.code !== '2020-3.2')
    .map((t: { code: string; leadUnitIds: string[] }) => ({ code: t.code, leadUnitIds: t.leadUnitIds }));
});

afterAll(async () => {
  await gw?.close();
  await consultations?.close();
  await talent?.close();
  await tasks?.close();
  await funding?.close();
  await committee?.close();
});

describe('the route registry', () => {
  it('is populated and every operation is declared once per method and path', () => {
    expect(API_ROUTES.length).toBeGreaterThanOrEqual(16);
    const keys = API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has a sample request here for every route (add one when you add a route)', () => {
    const missing = API_ROUTES.map((r) => r.operationId).filter((id) => !samples[id]);
    expect(missing, `routes without a sample in permission-matrix.int.test.ts`).toEqual([]);
    const stale = Object.keys(samples).filter((id) => !API_ROUTES.some((r) => r.operationId === id));
    expect(stale, 'samples for routes that no longer exist').toEqual([]);
  });
});

describe.each(API_ROUTES.map((r) => [`${r.operationId} (${r.method} ${r.path}, ${r.access})`, r] as const))(
  '%s',
  (_name, route) => {
    it.each(CALLERS)('as %s', async (caller) => {
      const expected = expectedOutcome(route, caller, gw);
      const sample = samples[route.operationId] ?? placeholderSample(route, expected);
      const request = await sample({ gw, caller, signInUser, throwawayUser: () => gw.throwawayUser() });
      expect(request.path.split('?')[0], 'the sample path matches the route').toMatch(pathPattern(route.path));

      let token: string | undefined;
      if (caller !== 'anonymous') {
        const account = gw.accounts[caller];
        if (request.freshSession) {
          const session = await gw.signIn(account.username, account.password);
          expect(session.status).toBe(200);
          token = session.json.accessToken;
        } else {
          token = account.token;
        }
      }
      const res: ApiResponse = await gw.api(route.method, request.path, {
        token,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.query ? { query: request.query } : {}),
        ...(request.headers ? { headers: request.headers } : {}),
      });
      const seen = `${res.status} ${res.text.slice(0, 300)}`;

      if (expected === 'unauthenticated') {
        expect(res.status, seen).toBe(401);
      } else if (expected === 'forbidden') {
        expect(res.status, seen).toBe(403);
        const needed: readonly string[] = typeof route.access === 'string' ? [route.access] : route.access;
        for (const p of needed) expect(res.json.detail).toContain(p);
      } else {
        expect(res.status, seen).not.toBe(401);
        expect(res.status, seen).not.toBe(403);
        expect(res.status, seen).toBe(route.success.status);
        if (route.success.schema) {
          const parsed = route.success.schema.safeParse(res.json);
          expect(parsed.success, `the body matches the declared schema: ${seen}`).toBe(true);
        } else if (route.success.files) {
          expect(route.success.files).toContain(res.headers.get('content-type'));
          expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
        } else {
          expect(res.text).toBe('');
        }
      }
      if (res.status >= 400 && res.status < 500) expect(problemDefects(res), seen).toEqual([]);
    });
  },
);

describe('the per-role accounts survived the matrix', () => {
  it('every account still signs in to its original session', async () => {
    for (const name of ACCOUNT_NAMES) {
      const res = await gw.api('GET', '/api/v1/me', { token: gw.accounts[name].token });
      expect(res.status, name).toBe(200);
      expect(res.json.user.roles).toEqual(gw.accounts[name].roles);
    }
  });
});
