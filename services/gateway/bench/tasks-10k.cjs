// Tasks benchmark at scale: prints figures, asserts nothing. `pnpm build`, then `pnpm bench:tasks`.
// Loads BENCH_TASKS (10,000) key tasks into the tasks database, starts the tasks service and the
// gateway, then measures through real HTTP:
//   1. list and filter queries (autocannon, BENCH_CONNECTIONS connections, BENCH_SECONDS each);
//   2. status changes (POST …/moves flag_risk as the lead unit's staff) from the HTTP request to the
//      task.status_changed event arriving on NATS: changes/s and latency percentiles.
// Starts NATS + FerretDB from infra/local (or uses NATS_URL / MONGO_URL).
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { connect } = require('nats');
const { freePort, uniqueToken } = require('@aiplat/testing');
const {
  progress,
  startInfra,
  waitUntilReady,
  signIn,
  demoPassword,
  rssMb,
  exited,
  taskDoc,
  loadTasks,
} = require('./bench-kit.cjs');

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MOVE_CONCURRENCY = Number(process.env.BENCH_MOVE_CONCURRENCY ?? 32);
const MOVE_SECONDS = Number(process.env.BENCH_MOVE_SECONDS ?? 20);
const YEAR = 2030;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  const infra = await startInfra();
  const { natsUrl, mongoUrl } = infra;
  const port = await freePort();
  const tasksDb = uniqueToken('benchtasks');
  const env = {
    ...process.env,
    NATS_URL: natsUrl,
    MONGO_URL: mongoUrl,
    TASKS_DB: tasksDb,
    GATEWAY_DB: uniqueToken('benchgw'),
    GATEWAY_PORT: String(port),
    AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    OVERDUE_CHECK_INTERVAL_MS: '0',
    BOOTSTRAP_ADMIN_USERNAME: 'bench-admin',
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
  };
  const dist = join(__dirname, '../dist');
  const table = execFileSync('node', [join(dist, 'cli/setup-accounts.js'), 'demo'], { env, encoding: 'utf8' });
  const password = (user) => demoPassword(table, user);

  await loadTasks(mongoUrl, tasksDb, TASKS, YEAR);

  const tasks = spawn('node', [join(__dirname, '../../tasks/dist/main.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const gw = spawn('node', [join(dist, 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilReady(base);
  const office = await signIn(base, 'office', password('office'));
  // The tasks service answers once its index of tasks is loaded.
  for (let i = 0; i < 150; i++) {
    const res = await fetch(`${base}/api/v1/tasks?limit=1`, { headers: { authorization: `Bearer ${office}` } });
    if (res.ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const bureau = await signIn(base, 'bureau-eit', password('bureau-eit'));
  const lines = [];

  const paths = [
    `/api/v1/tasks?year=${YEAR}&limit=50`,
    `/api/v1/tasks?year=${YEAR}&status=in_progress&riskLevel=high&limit=50`,
    `/api/v1/tasks?year=${YEAR}&section=4&limit=50`,
    `/api/v1/tasks?year=${YEAR}&q=${encodeURIComponent('应用场景 7-')}&limit=50`,
    `/api/v1/tasks?unitId=city-agriculture&limit=50`,
  ];
  for (const path of paths) {
    // Warm the list cache and the connection pool once.
    await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${office}` } });
    progress(`autocannon GET ${path}`);
    const r = await autocannon({
      url: `${base}${path}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { authorization: `Bearer ${office}` },
    });
    lines.push(
      `GET ${decodeURIComponent(path)}: ${r.requests.average.toFixed(0)} req/s · p50 ${r.latency.p50} ms · p99 ${r.latency.p99} ms · max ${r.latency.max} ms · ${r.non2xx} non-2xx`,
    );
  }

  progress(`status changes: ${MOVE_CONCURRENCY} concurrent clients for ${MOVE_SECONDS} s`);
  const nc = await connect({ servers: natsUrl });
  const sentAt = new Map();
  const latencies = [];
  const sub = nc.subscribe('ev.tasks.task.status_changed');
  (async () => {
    for await (const m of sub) {
      const e = JSON.parse(new TextDecoder().decode(m.data));
      const t0 = sentAt.get(e.data.code);
      if (t0 !== undefined && e.data.to === 'at_risk') latencies.push(performance.now() - t0);
    }
  })();
  let next = 0;
  let failed = 0;
  const httpLatencies = [];
  const deadline = performance.now() + MOVE_SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: MOVE_CONCURRENCY }, async () => {
      while (performance.now() < deadline && next < TASKS) {
        const code = taskDoc(next++, YEAR).code;
        const start = performance.now();
        sentAt.set(code, start);
        const res = await fetch(`${base}/api/v1/tasks/${code}/moves`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bureau}`, 'content-type': 'application/json' },
          body: JSON.stringify({ move: 'flag_risk', reason: '基准：进度滞后' }),
        });
        await res.arrayBuffer();
        httpLatencies.push(performance.now() - start);
        if (res.status !== 200) failed++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 3000));
  sub.unsubscribe();
  await nc.drain();
  const ok = next - failed;
  const e2e = [...latencies].sort((a, b) => a - b);
  const http = [...httpLatencies].sort((a, b) => a - b);
  lines.push(
    `status changes (flag_risk through the gateway): ${ok} in ${elapsed.toFixed(1)} s = ${(ok / elapsed).toFixed(0)} changes/s · ${failed} failed`,
    `  HTTP response: p50 ${pct(http, 50).toFixed(1)} ms · p99 ${pct(http, 99).toFixed(1)} ms`,
    `  request → task.status_changed on NATS: ${e2e.length} events · p50 ${pct(e2e, 50).toFixed(1)} ms · p99 ${pct(e2e, 99).toFixed(1)} ms · max ${e2e.at(-1)?.toFixed(1)} ms`,
    `resident memory after the run (MB): gateway ${rssMb(gw.pid).toFixed(0)} · tasks ${rssMb(tasks.pid).toFixed(0)}`,
  );
  gw.kill('SIGTERM');
  tasks.kill('SIGTERM');
  await Promise.all([exited(gw), exited(tasks)]);
  await infra.stop();
  console.log(
    `\ntasks benchmark · ${TASKS} tasks · ${new Date().toISOString()} · node ${process.version} · ${require('node:os').cpus().length} cores`,
  );
  for (const l of lines) console.log(l);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
