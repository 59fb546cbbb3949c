// The card flow benchmark: prints figures, asserts nothing. `pnpm build`, then `pnpm bench:flow`.
// Loads BENCH_TASKS (2,000) in-progress tasks, starts tasks, funding, consultations and the gateway,
// then flags tasks at risk through the gateway (BENCH_MOVE_CONCURRENCY clients for BENCH_MOVE_SECONDS)
// and measures, per task change, the time from the HTTP request until BOTH the funding check
// (funding.check_recorded) and the consultation record (consultation.opened) are published.
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { connect } = require('nats');
const { consultationOpened, fundingCheckRecorded } = require('@aiplat/contracts');
const { freePort, uniqueToken } = require('@aiplat/testing');
const kit = require('./bench-kit.cjs');

const TASKS = Number(process.env.BENCH_TASKS ?? 2_000);
const MOVE_CONCURRENCY = Number(process.env.BENCH_MOVE_CONCURRENCY ?? 32);
const MOVE_SECONDS = Number(process.env.BENCH_MOVE_SECONDS ?? 20);
const YEAR = 2031;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  const infra = await kit.startInfra();
  const port = await freePort();
  const env = {
    ...process.env,
    NATS_URL: infra.natsUrl,
    MONGO_URL: infra.mongoUrl,
    TASKS_DB: uniqueToken('flowtasks'),
    FUNDING_DB: uniqueToken('flowfunding'),
    CONSULTATIONS_DB: uniqueToken('flowconsult'),
    GATEWAY_DB: uniqueToken('flowgw'),
    GATEWAY_PORT: String(port),
    AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    OVERDUE_CHECK_INTERVAL_MS: '0',
    BOOTSTRAP_ADMIN_USERNAME: 'bench-admin',
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
  };
  const table = execFileSync('node', [join(__dirname, '../dist/cli/setup-accounts.js'), 'demo'], {
    env,
    encoding: 'utf8',
  });
  await kit.loadTasks(infra.mongoUrl, env.TASKS_DB, TASKS, YEAR);
  const services = ['tasks', 'funding', 'consultations', 'gateway'].map((name) =>
    spawn('node', [join(__dirname, `../../${name}/dist/main.js`)], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  const base = `http://127.0.0.1:${port}`;
  await kit.waitUntilReady(base);
  const bureau = await kit.signIn(base, 'bureau-eit', kit.demoPassword(table, 'bureau-eit'));
  for (let i = 0; i < 150; i++) {
    const res = await fetch(`${base}/api/v1/tasks?limit=1`, { headers: { authorization: `Bearer ${bureau}` } });
    if (res.ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 2000));

  const nc = await connect({ servers: infra.natsUrl });
  const sentAt = new Map();
  const seen = new Map(); // task code → { funding?: ms, consultation?: ms }
  const both = [];
  const note = (code, what) => {
    const t0 = sentAt.get(code);
    if (t0 === undefined) return;
    const entry = seen.get(code) ?? {};
    if (entry[what] !== undefined) return;
    entry[what] = performance.now() - t0;
    seen.set(code, entry);
    if (entry.funding !== undefined && entry.consultation !== undefined)
      both.push(Math.max(entry.funding, entry.consultation));
  };
  const decode = (m) => JSON.parse(new TextDecoder().decode(m.data));
  nc.subscribe(fundingCheckRecorded.subject, { callback: (_e, m) => note(decode(m).data.taskCode, 'funding') });
  nc.subscribe(consultationOpened.subject, { callback: (_e, m) => note(decode(m).data.taskCode, 'consultation') });

  kit.progress(`flagging tasks at risk: ${MOVE_CONCURRENCY} clients for ${MOVE_SECONDS} s`);
  let next = 0;
  let failed = 0;
  const deadline = performance.now() + MOVE_SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: MOVE_CONCURRENCY }, async () => {
      while (performance.now() < deadline && next < TASKS) {
        const code = kit.taskDoc(next++, YEAR).code;
        sentAt.set(code, performance.now());
        const res = await fetch(`${base}/api/v1/tasks/${code}/moves`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bureau}`, 'content-type': 'application/json' },
          body: JSON.stringify({ move: 'flag_risk', reason: '基准：进度滞后' }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) failed++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  // Let the consumers catch up, then count.
  const settleUntil = performance.now() + 30_000;
  while (both.length < next - failed && performance.now() < settleUntil) await new Promise((r) => setTimeout(r, 250));
  const drained = (performance.now() - t0) / 1000;
  await nc.drain();
  const ok = next - failed;
  const sorted = [...both].sort((a, b) => a - b);
  for (const s of services) s.kill('SIGTERM');
  await Promise.all(services.map(kit.exited));
  await infra.stop();
  console.log(
    `\ncard-flow benchmark · ${TASKS} tasks · ${new Date().toISOString()} · node ${process.version} · ${require('node:os').cpus().length} cores`,
  );
  console.log(
    `task changes accepted: ${ok} in ${elapsed.toFixed(1)} s = ${(ok / elapsed).toFixed(0)}/s · ${failed} failed`,
  );
  console.log(
    `both the funding check and the consultation record published: ${sorted.length} of ${ok} within ${drained.toFixed(1)} s = ${(sorted.length / drained).toFixed(0)}/s end to end`,
  );
  console.log(
    `  request → both records: p50 ${pct(sorted, 50).toFixed(0)} ms · p99 ${pct(sorted, 99).toFixed(0)} ms · max ${sorted.at(-1)?.toFixed(0)} ms`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
