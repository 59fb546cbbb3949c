// Gateway benchmark: prints figures, asserts nothing. `pnpm build`, then `pnpm bench:gateway`.
// Starts NATS + FerretDB (or uses NATS_URL / MONGO_URL) and the gateway in a child process, signs in,
// then drives an authenticated GET of a list resource with autocannon on loopback and reports
// requests/s, latency percentiles and the resident memory of each process.
// The default path lists key tasks: gateway → NATS request/reply → tasks service → database, after the
// seed policy has been imported. Knobs: BENCH_CONNECTIONS (20), BENCH_SECONDS (15), BENCH_PATH.
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { freePort, uniqueToken } = require('@aiplat/testing');
const { progress, startInfra, waitUntilReady, signIn, demoPassword, rssMb } = require('./bench-kit.cjs');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PATH = process.env.BENCH_PATH ?? '/api/v1/tasks?limit=20';
const SEED = join(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');
async function main() {
  const infra = await startInfra();
  const { natsUrl, mongoUrl, started } = infra;
  const port = await freePort();
  const env = {
    ...process.env,
    NATS_URL: natsUrl,
    MONGO_URL: mongoUrl,
    GATEWAY_DB: uniqueToken('benchgw'),
    GATEWAY_PORT: String(port),
    AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    BOOTSTRAP_ADMIN_USERNAME: 'bench-admin',
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
  };
  const dist = join(__dirname, '../dist');
  progress('creating accounts and importing the seed policy');
  const table = execFileSync('node', [join(dist, 'cli/setup-accounts.js'), 'demo'], { env, encoding: 'utf8' });
  const officePassword = demoPassword(table, 'office');
  const tasksDist = join(__dirname, '../../tasks/dist');
  execFileSync('node', [join(tasksDist, 'cli/import-policy.js'), SEED, '2020'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tasks = spawn('node', [join(tasksDist, 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  progress(`starting the gateway on ${port}`);
  const gw = spawn('node', [join(dist, 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilReady(base);
  await new Promise((r) => setTimeout(r, 1000));
  const idle = { gateway: rssMb(gw.pid), tasks: rssMb(tasks.pid) };
  for (const s of started) idle[s.url.startsWith('nats') ? 'nats-server' : 'ferretdb'] = rssMb(s.pid);
  const accessToken = await signIn(base, 'office', officePassword);
  progress(`autocannon GET ${PATH}: ${CONNECTIONS} connections for ${SECONDS} s`);
  const result = await autocannon({
    url: `${base}${PATH}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const loaded = rssMb(gw.pid);
  const loadedTasks = rssMb(tasks.pid);
  gw.kill('SIGTERM');
  tasks.kill('SIGTERM');
  await infra.stop();
  console.log(
    `\ngateway benchmark · ${new Date().toISOString()} · node ${process.version} · ${require('node:os').cpus().length} cores`,
  );
  console.log(
    `GET ${PATH} (authenticated): ${result.requests.average.toFixed(0)} req/s · latency p50 ${result.latency.p50} ms · p99 ${result.latency.p99} ms · max ${result.latency.max} ms · ${result.non2xx} non-2xx · ${result.errors} errors`,
  );
  console.log(
    `resident memory after start (MB): ${Object.entries(idle)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(' · ')} · after load: gateway ${loaded.toFixed(0)}, tasks ${loadedTasks.toFixed(0)}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
