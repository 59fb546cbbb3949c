// Funding benchmark: prints figures, asserts nothing. Run `pnpm build` first, then `pnpm bench:funding`.
// Uses NATS_URL / MONGO_URL when set, otherwise starts local nats-server and FerretDB (infra/local/infra.sh).
// The funding service runs in a child process (`dist/main.js`); this process plays the tasks service
// (publishing task.status_changed to JetStream) and the officers (request/reply).
//  1. Funding checks end to end: BENCH_TASKS tasks (100) × 3 approved allocations each; task changes
//     (in_progress ⇄ at_risk) are published at BENCH_RATES events/s (100,300) for BENCH_SECONDS (10);
//     latency = publish → `funding.check_recorded` seen on NATS (the check is written by then).
//  2. Approvals under contention: BENCH_APPROVALS allocations (200) under review against a budget that
//     fits half, approved BENCH_APPROVAL_CONCURRENCY (32) at a time; approvals/s, and committed ≤ budget.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const c = require('@aiplat/contracts');
const m = require('@aiplat/messaging');
const { startLocalFerretDb, startLocalNats, uniqueToken } = require('@aiplat/testing');

const TASKS = Number(process.env.BENCH_TASKS ?? 100);
const RATES = (process.env.BENCH_RATES ?? '100,300').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const APPROVALS = Number(process.env.BENCH_APPROVALS ?? 200);
const APPROVAL_CONCURRENCY = Number(process.env.BENCH_APPROVAL_CONCURRENCY ?? 32);
const progress = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const CREDIT_CODE = '91350100M000100Y43';

async function pool(n, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

const ctx = (id) => ({
  actor: { kind: 'user', id, roles: ['funding_officer'] },
  requestId: `bench-${uniqueToken('')}`,
});

function taskEvent(code, from, to, version) {
  return m.createEvent(c.platformEvents, 'task.status_changed', {
    aggregateId: code,
    aggregateVersion: version,
    data: { taskId: code, code, title: `bench ${code}`, from, to, leadUnitIds: ['city-economy-it'], coUnitIds: [] },
    correlationId: `bench-${code}-${version}`,
    causationId: `bench-${code}-${version}`,
    actor: { kind: 'system', id: 'bench' },
  });
}

async function underReview(rpc, input) {
  const a = await rpc.request(c.createAllocationRpc, { context: ctx('bench-creator'), ...input });
  await rpc.request(c.submitAllocationRpc, { context: ctx('bench-creator'), allocationId: a.id });
  await rpc.request(c.requestReviewRpc, { context: ctx('bench-creator'), allocationId: a.id });
  return a.id;
}

async function main() {
  const started = [];
  let natsUrl = process.env.NATS_URL;
  let mongoUrl = process.env.MONGO_URL;
  if (!natsUrl) {
    const s = await startLocalNats();
    started.push(s);
    natsUrl = s.url;
  }
  if (!mongoUrl) {
    const s = await startLocalFerretDb();
    started.push(s);
    mongoUrl = s.url;
  }
  const prefix = uniqueToken('bench');
  const env = {
    ...process.env,
    NATS_URL: natsUrl,
    MONGO_URL: mongoUrl,
    FUNDING_DB: uniqueToken('benchfunding'),
    AIPLAT_TOPOLOGY_PREFIX: prefix,
    LOG_LEVEL: 'warn',
  };
  const service = spawn('node', [join(__dirname, '../dist/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const topology = new m.Topology({ prefix });
  const nc = await m.connectNats({ url: natsUrl, name: 'bench-funding' });
  await topology.ensureStreams(await nc.jetstreamManager());
  const js = nc.jetstream();
  const rpc = new m.RpcClient({ natsUrl, name: 'bench-funding-rpc', timeoutMs: 30_000 });
  await rpc.connect();
  for (let i = 0; ; i++) {
    try {
      await rpc.request(c.healthCheckRpc('funding'), {}, { timeoutMs: 1_000 });
      break;
    } catch (err) {
      if (i > 100) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // Checks recorded, seen as their events (published by the service's relay after the write).
  const seen = new Map();
  const sub = nc.subscribe(topology.physical(c.fundingCheckRecorded.subject));
  (async () => {
    for await (const msg of sub) {
      const env = JSON.parse(new TextDecoder().decode(msg.data));
      seen.set(env.data.causeEventId, performance.now());
    }
  })();
  const publish = (event) =>
    js.publish(topology.physical(c.taskStatusChanged.subject), JSON.stringify(event), { msgID: event.id });
  async function waitFor(ids, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (ids.some((id) => !seen.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return ids.filter((id) => seen.has(id)).length;
  }

  progress(`setting up: programmes, budget, ${TASKS} tasks × 3 allocations`);
  await rpc.request(c.seedProgrammesRpc, { context: ctx('bench-admin') });
  await rpc.request(c.setBudgetRpc, {
    context: ctx('bench-admin'),
    programmeId: 'gov-investment-fund',
    year: 2026,
    amount: 1e13,
    reason: 'bench',
  });
  const codes = Array.from({ length: TASKS }, (_, i) => `2099-${i + 1}`);
  const versions = new Map(codes.map((code) => [code, 1]));
  const first = codes.map((code) => taskEvent(code, 'assigned', 'in_progress', 1));
  for (const e of first) await publish(e);
  await waitFor(first.map((e) => e.id));
  const tranches = [
    { title: 'a', amount: 100_000, trigger: 'milestone' },
    { title: 'b', amount: 100_000, trigger: 'milestone' },
    { title: 'final', amount: 100_000, trigger: 'acceptance' },
  ];
  await pool(TASKS * 3, 8, async (i) => {
    const id = await underReview(rpc, {
      programmeId: 'gov-investment-fund',
      year: 2026,
      applicant: { name: 'bench', creditCode: CREDIT_CODE, unit: 'bench' },
      taskCode: codes[i % TASKS],
      amount: 300_000,
      purpose: 'bench',
      tranches,
    });
    await rpc.request(c.approveAllocationRpc, { context: ctx('bench-approver'), allocationId: id });
  });

  const results = [];
  const atRisk = new Set();
  for (const rate of RATES) {
    const total = rate * SECONDS;
    progress(`checks: ${total} task changes at ${rate}/s`);
    const sentAt = new Map();
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const code = codes[i % TASKS];
      const v = versions.get(code) + 1;
      versions.set(code, v);
      const risky = atRisk.has(code);
      const e = taskEvent(code, risky ? 'at_risk' : 'in_progress', risky ? 'in_progress' : 'at_risk', v);
      if (risky) atRisk.delete(code);
      else atRisk.add(code);
      sentAt.set(e.id, performance.now());
      void publish(e);
    }
    const ids = [...sentAt.keys()];
    const done = await waitFor(ids, 120_000);
    const elapsed = (Math.max(...ids.filter((id) => seen.has(id)).map((id) => seen.get(id))) - t0) / 1000;
    const lat = ids
      .filter((id) => seen.has(id))
      .map((id) => seen.get(id) - sentAt.get(id))
      .sort((a, b) => a - b);
    results.push({
      rate,
      total,
      done,
      throughput: done / elapsed,
      p50: pct(lat, 50),
      p99: pct(lat, 99),
      max: lat.at(-1),
    });
  }

  progress(
    `approvals: ${APPROVALS} under review against a budget for ${APPROVALS / 2}, ${APPROVAL_CONCURRENCY} at a time`,
  );
  await rpc.request(c.setBudgetRpc, {
    context: ctx('bench-admin'),
    programmeId: 'high-quality',
    year: 2026,
    amount: (APPROVALS / 2) * 100_000,
    reason: 'bench contention',
  });
  const queue = [];
  await pool(APPROVALS, 8, async () => {
    queue.push(
      await underReview(rpc, {
        programmeId: 'high-quality',
        year: 2026,
        applicant: { name: 'bench', creditCode: CREDIT_CODE, unit: 'bench' },
        amount: 100_000,
        purpose: 'bench',
        tranches: [{ title: 'all', amount: 100_000, trigger: 'milestone' }],
      }),
    );
  });
  let approved = 0;
  let refused = 0;
  const a0 = performance.now();
  await pool(queue.length, APPROVAL_CONCURRENCY, async (i) => {
    try {
      await rpc.request(c.approveAllocationRpc, { context: ctx(`bench-approver-${i % 4}`), allocationId: queue[i] });
      approved++;
    } catch (err) {
      if (err.code !== 'unprocessable') throw err;
      refused++;
    }
  });
  const approvalSeconds = (performance.now() - a0) / 1000;
  const usage = await rpc.request(c.budgetUsageRpc, {
    context: ctx('bench-admin'),
    programmeId: 'high-quality',
    year: 2026,
  });

  sub.unsubscribe();
  await rpc.close();
  await nc.drain();
  service.kill('SIGTERM');
  await new Promise((r) => service.once('exit', r));
  for (const s of started) await s.stop();

  console.log(
    `\nfunding benchmark · ${new Date().toISOString()} · node ${process.version} · ${require('node:os').cpus().length} cores`,
  );
  console.log(
    `funding checks end to end (publish task.status_changed → funding.check_recorded), ${TASKS} tasks × 3 allocations:`,
  );
  for (const r of results) {
    console.log(
      `  offered ${r.rate}/s × ${SECONDS} s: ${r.done}/${r.total} checked · ${r.throughput.toFixed(0)} checks/s · latency p50 ${r.p50?.toFixed(0)} ms · p99 ${r.p99?.toFixed(0)} ms · max ${r.max?.toFixed(0)} ms`,
    );
  }
  const b = usage.items[0];
  console.log(
    `approvals under contention: ${queue.length} concurrent (${APPROVAL_CONCURRENCY} at a time) against a budget for ${APPROVALS / 2}: ${approved} approved, ${refused} refused, ${(queue.length / approvalSeconds).toFixed(0)} decisions/s · committed ${b.committed} ≤ budget ${b.budget}: ${b.committed <= b.budget}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
