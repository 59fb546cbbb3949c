// The real pieces as separate processes: nats-server, one FerretDB for every service database,
// the services and the gateway, started the way scripts/platform.sh starts them. Each can be
// paused (SIGSTOP), resumed, killed with SIGKILL and started again on the same port and data.
// Everything started here is stopped by stopAll(), and by the exit hooks on failure or Ctrl-C.
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, existsSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ROOT, req } = require('./resolve.cjs');

const { localBinary, freePort, natsServerCommand, ferretDbCommand } = req('@aiplat/testing');

const SERVICES = ['tasks', 'funding', 'consultations', 'committee', 'talent'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (m) => process.stderr.write(`[faults] ${m}\n`);

/** Every child started by this program, so the exit hooks can kill what is still running. */
const live = new Set();
function killAllNow() {
  for (const child of live) {
    try {
      // SIGKILL ends a SIGSTOPped process too.
      child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  live.clear();
}
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping every process started by the suite`);
    killAllNow();
    process.exit(130);
  });
}

async function waitHttp(url, timeoutMs, what, logFile, child) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) break;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `${res.status} ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      last = String(err);
    }
    await sleep(200);
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`${what} not ready within ${timeoutMs} ms (${last})\n${tail}`);
}

/** One process: start, ready check, pause, resume, kill -9, restart, stop. */
class Proc {
  constructor(name, command, args, { env, logFile, readyUrl, readyTimeoutMs = 60_000 }) {
    Object.assign(this, { name, command, args, env, logFile, readyUrl, readyTimeoutMs });
    this.child = undefined;
    this.paused = false;
  }

  get pid() {
    return this.child?.pid;
  }

  get running() {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start() {
    if (this.running) throw new Error(`${this.name} is already running`);
    const fd = openSync(this.logFile, 'a');
    const child = spawn(this.command, this.args, { cwd: ROOT, env: this.env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    live.add(child);
    child.once('exit', () => live.delete(child));
    this.child = child;
    this.paused = false;
    await waitHttp(this.readyUrl, this.readyTimeoutMs, this.name, this.logFile, child);
  }

  pause() {
    if (!this.running) throw new Error(`${this.name} is not running`);
    this.child.kill('SIGSTOP');
    this.paused = true;
  }

  resume() {
    if (this.running) this.child.kill('SIGCONT');
    this.paused = false;
  }

  /** kill -9, and wait until the process is gone. */
  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
    this.paused = false;
  }

  /** SIGTERM (resumed first if paused), SIGKILL after 10 s. */
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    if (this.paused) child.kill('SIGCONT');
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(t);
  }

  async restart() {
    await this.kill();
    await this.start();
  }
}

/**
 * The platform: ports and data directories of its own under a temp dir, never the default ports.
 * `tuning` sets the consumers' retry figures (EVENT_ACK_WAIT_MS, EVENT_MAX_ATTEMPTS, backoffs).
 */
async function startPlatform({ tuning }) {
  const dir = mkdtempSync(join(tmpdir(), 'aiplat-faults-'));
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  const natsPort = await freePort();
  const natsMonitor = await freePort();
  const mongoPort = await freePort();
  const mongoDebug = await freePort();
  const gatewayPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const mongoUrl = `mongodb://127.0.0.1:${mongoPort}/`;
  const suffix = randomBytes(3).toString('hex');
  const dbs = {
    tasks: `faults_tasks_${suffix}`,
    funding: `faults_funding_${suffix}`,
    consultations: `faults_consultations_${suffix}`,
    committee: `faults_committee_${suffix}`,
    talent: `faults_talent_${suffix}`,
    gateway: `faults_gateway_${suffix}`,
  };
  const natsDir = join(dir, 'nats');
  const ferretDir = join(dir, 'ferretdb');
  mkdirSync(natsDir);
  mkdirSync(ferretDir);

  const natsCommand = natsServerCommand({ port: natsPort, monitor: natsMonitor, dataDir: natsDir });
  const nats = new Proc('nats-server', localBinary('nats-server'), natsCommand.args, {
    env: process.env,
    logFile: join(logs, 'nats.log'),
    readyUrl: natsCommand.readyUrl,
    readyTimeoutMs: 30_000,
  });
  const ferretCommand = ferretDbCommand({ port: mongoPort, debug: mongoDebug, dataDir: ferretDir });
  const ferretdb = new Proc('ferretdb', localBinary('ferretdb'), ferretCommand.args, {
    env: process.env,
    logFile: join(logs, 'ferretdb.log'),
    readyUrl: ferretCommand.readyUrl,
    readyTimeoutMs: 30_000,
  });

  const secret = randomBytes(32).toString('base64url');
  const common = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NATS_URL: natsUrl,
    MONGO_URL: mongoUrl,
    TASKS_DB: dbs.tasks,
    FUNDING_DB: dbs.funding,
    CONSULTATIONS_DB: dbs.consultations,
    COMMITTEE_DB: dbs.committee,
    TALENT_DB: dbs.talent,
    GATEWAY_DB: dbs.gateway,
    LOG_LEVEL: 'warn',
    OTEL_SDK_DISABLED: 'true',
    OVERDUE_CHECK_INTERVAL_MS: '0',
    REPORT_SWEEP_INTERVAL_MS: '0',
    REVIEW_CLOCK_INTERVAL_MS: '0',
    TALENT_RETRY_INTERVAL_MS: '0',
    EVENT_ACK_WAIT_MS: String(tuning.ackWaitMs),
    EVENT_MAX_ATTEMPTS: String(tuning.maxAttempts),
    // The consumers' retry backoff stays the services' default (1 s, 5 s, 15 s, 60 s) unless given.
    ...(tuning.backoffMs
      ? Object.fromEntries(
          [
            'FUNDING_CHECK_BACKOFF_MS',
            'CONSULTATIONS_BACKOFF_MS',
            'REVIEW_CONSUMER_BACKOFF_MS',
            'TALENT_BACKOFF_MS',
          ].map((k) => [k, tuning.backoffMs.join(',')]),
        )
      : {}),
  };
  const services = {};
  for (const name of SERVICES) {
    const healthPort = await freePort();
    services[name] = new Proc(
      name,
      process.execPath,
      ['--require', './packages/observability/dist/register.js', `services/${name}/dist/main.js`],
      {
        env: { ...common, OTEL_SERVICE_NAME: name, HEALTH_PORT: String(healthPort) },
        logFile: join(logs, `${name}.log`),
        readyUrl: `http://127.0.0.1:${healthPort}/readyz`,
      },
    );
  }
  const gatewayEnv = {
    ...common,
    OTEL_SERVICE_NAME: 'gateway',
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(gatewayPort),
    AUTH_TOKEN_SECRET: secret,
    COOKIE_SECURE: 'false',
  };
  services.gateway = new Proc(
    'gateway',
    process.execPath,
    ['--require', './packages/observability/dist/register.js', 'services/gateway/dist/main.js'],
    {
      env: gatewayEnv,
      logFile: join(logs, 'gateway.log'),
      readyUrl: `http://127.0.0.1:${gatewayPort}/readyz`,
    },
  );

  const platform = {
    dir,
    logs,
    natsUrl,
    mongoUrl,
    dbs,
    base: `http://127.0.0.1:${gatewayPort}`,
    nats,
    ferretdb,
    services,
    gatewayEnv,
    all: () => [nats, ferretdb, ...SERVICES.map((s) => services[s]), services.gateway],
    async stopAll() {
      for (const p of [services.gateway, ...SERVICES.map((s) => services[s])].reverse()) await p.stop();
      await ferretdb.stop();
      await nats.stop();
    },
    removeData() {
      rmSync(dir, { recursive: true, force: true });
    },
  };

  log(`temp dir ${dir}; NATS ${natsUrl}; FerretDB ${mongoUrl}; gateway ${platform.base}`);
  try {
    await Promise.all([nats.start(), ferretdb.start()]);
    // The services one at a time at first boot: two cores, and the first one creates the streams.
    for (const name of SERVICES) await services[name].start();
    await services.gateway.start();
  } catch (err) {
    await platform.stopAll().catch(() => undefined);
    log(`the platform did not start; logs kept in ${logs}`);
    throw err;
  }
  return platform;
}

module.exports = { startPlatform, Proc, SERVICES, sleep, log, killAllNow };
