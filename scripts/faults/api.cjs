// The platform's HTTP API as the suite's users see it: sign-in, fixtures made through the API
// (the seed policy as the work plan, tasks started, allocations linked to them and approved under
// the four-eyes rule) and the task moves of the load.
'use strict';
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT } = require('./resolve.cjs');

const SEED = join(ROOT, '../shared/seed/000_4ff1a9d776ae5834.txt');
const CREDIT_CODE = '91350100M000100Y43';
const YEAR = 2020;

class Api {
  constructor(base) {
    this.base = base;
    this.tokens = {};
  }

  /** One request; never throws on HTTP status, only on no answer within `timeoutMs`. */
  async call(method, path, { as, body, query, timeoutMs = 15_000 } = {}) {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, String(v));
    const headers = {};
    if (as) headers.authorization = `Bearer ${this.tokens[as]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  }

  async ok(method, path, opts, expected = [200, 201]) {
    const res = await this.call(method, path, opts);
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} → ${res.status} ${res.text.slice(0, 300)}`);
    return res.json;
  }

  async signIn(name, username, password) {
    const res = await this.ok('POST', '/api/v1/auth/sign-in', { body: { username, password } });
    this.tokens[name] = res.accessToken;
  }
}

/** Demo accounts with `setup-accounts demo` against the suite's gateway database (it prints the passwords once). */
function demoAccounts(gatewayEnv) {
  const table = execFileSync(process.execPath, [join(ROOT, 'services/gateway/dist/cli/setup-accounts.js'), 'demo'], {
    cwd: ROOT,
    env: gatewayEnv,
    encoding: 'utf8',
  });
  const password = (username) => {
    const m = new RegExp(`^${username}\\s+\\S+\\s+\\S+\\s+(\\S+)`, 'm').exec(table);
    if (!m) throw new Error(`setup-accounts printed no password for ${username}`);
    return m[1];
  };
  return password;
}

/**
 * Fixtures: `count` tasks of the seed plan, assigned and started (in_progress), each with one
 * approved allocation of three tranches linked to it. Returns [{ code, as (who moves it), allocationId }].
 */
async function makeFixtures(api, gatewayEnv, count) {
  const password = demoAccounts(gatewayEnv);
  for (const u of ['office', 'bureau-eit', 'bureau-drc', 'funding', 'admin']) await api.signIn(u, u, password(u));
  // A second funding officer creates and submits; the demo officer approves (four eyes).
  const creator = {
    username: `faults-officer-${randomBytes(3).toString('hex')}`,
    password: randomBytes(12).toString('base64url'),
  };
  await api.ok('POST', '/api/v1/users', {
    as: 'admin',
    body: {
      username: creator.username,
      displayName: '故障测试 · 第二资金专员',
      unitId: 'funding-office',
      roles: ['funding_officer'],
      password: creator.password,
    },
  });
  await api.signIn('creator', creator.username, creator.password);

  // The seed policy as the plan of as many years as it takes (33 tasks a year).
  let drafts = [];
  for (let year = YEAR; drafts.length < count && year < YEAR + 10; year++) {
    await api.ok('POST', '/api/v1/plans/import', { as: 'office', body: { year, text: readFileSync(SEED, 'utf8') } });
    const all = (await api.ok('GET', '/api/v1/tasks', { as: 'office', query: { limit: 500 } })).items;
    drafts = all.filter((t) => t.status === 'draft');
  }
  // The moves are made by a lead unit's bureau (EIT or DRC staff), else by the office.
  const mover = (t) =>
    t.leadUnitIds.includes('city-economy-it')
      ? 'bureau-eit'
      : t.leadUnitIds.includes('city-drc')
        ? 'bureau-drc'
        : 'office';
  if (drafts.length < count) throw new Error(`the seed plans have ${drafts.length} draft tasks; ${count} wanted`);
  const chosen = drafts.slice(0, count).map((t) => ({ code: t.code, as: mover(t) }));
  const tasks = chosen.map((t) => t.code);
  for (const t of chosen) {
    await api.ok('POST', `/api/v1/tasks/${t.code}/moves`, { as: 'office', body: { move: 'assign' } });
    await api.ok('POST', `/api/v1/tasks/${t.code}/moves`, { as: t.as, body: { move: 'start' } });
  }

  await api.ok('POST', '/api/v1/funding/programmes/seed', { as: 'funding' });
  await api.ok('PUT', '/api/v1/funding/programmes/ai-industry/budgets/2026', {
    as: 'funding',
    body: { amount: 1_000_000_000, reason: 'fault suite budget' },
  });
  // Funding must have heard that each task is in progress before an allocation can pass `task_active`.
  await until(
    async () => {
      for (const code of tasks) {
        const checks = await api.ok('GET', `/api/v1/tasks/${code}/funding-checks`, { as: 'funding' });
        if (!(checks.items ?? []).some((c) => c.to === 'in_progress')) return false;
      }
      return true;
    },
    60_000,
    'funding checks of the started tasks',
  );

  const out = [];
  for (const { code, as } of chosen) out.push({ code, as, allocationId: await linkedAllocation(api, code) });
  return out;
}

/** An allocation of three tranches linked to task `code`: created and submitted by the second officer, approved by the first. */
async function linkedAllocation(api, code) {
  const created = await api.ok('POST', '/api/v1/funding/allocations', {
    as: 'creator',
    body: {
      programmeId: 'ai-industry',
      year: 2026,
      applicant: { name: '合肥某智能科技有限公司', creditCode: CREDIT_CODE, unit: 'city-economy-it' },
      taskCode: code,
      amount: 300_000,
      purpose: 'fault suite',
      tranches: [
        { title: 'kick-off', amount: 100_000, trigger: 'milestone', milestone: 'contract signed' },
        { title: 'midterm', amount: 100_000, trigger: 'milestone', milestone: 'midterm review' },
        { title: 'acceptance', amount: 100_000, trigger: 'acceptance' },
      ],
    },
  });
  const id = created.id;
  const submitted = await api.ok('POST', `/api/v1/funding/allocations/${id}/submit`, { as: 'creator' });
  if (submitted.status !== 'eligibility_checked') throw new Error(`allocation ${id}: ${submitted.status}`);
  await api.ok('POST', `/api/v1/funding/allocations/${id}/review-request`, { as: 'creator' });
  const approved = await api.ok('POST', `/api/v1/funding/allocations/${id}/approve`, { as: 'funding' });
  if (approved.status !== 'approved') throw new Error(`allocation ${id}: ${approved.status}`);
  return id;
}

async function until(fn, timeoutMs, what, everyMs = 500) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last;
    try {
      if (await fn()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

module.exports = { Api, makeFixtures, linkedAllocation, until, YEAR };
