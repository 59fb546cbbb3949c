import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');
const INFRA_SCRIPT = join(REPO_ROOT, 'infra/local/infra.sh');

/** Path of a server binary, built by the infra script on first use and cached after that. */
export function localBinary(name: 'nats-server' | 'ferretdb'): string {
  const out = execFileSync('bash', [INFRA_SCRIPT, 'bin', name], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = out.trim().split('\n').pop() ?? '';
  if (!path || !existsSync(path)) throw new Error(`infra script did not produce ${name} (got "${path}")`);
  return path;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

async function waitForHttp(
  url: string,
  accept: (status: number, body: string) => boolean,
  timeoutMs: number,
  what: string,
  log: string,
) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      const body = await res.text();
      if (accept(res.status, body)) return;
      last = `${res.status} ${body}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
  throw new Error(`${what} not ready after ${timeoutMs} ms (${last})\n${tail}`);
}

export interface LocalServer {
  url: string;
  port: number;
  dataDir: string;
  /** Process id while running (for memory figures in benchmarks). */
  readonly pid: number | undefined;
  /** Stops the process (SIGTERM, SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** Kills at once, as a crash would. */
  kill(): Promise<void>;
  /** Starts again on the same port and data directory. */
  start(): Promise<void>;
}

function managed(
  startProcess: () => ChildProcess,
  ready: () => Promise<void>,
  base: Omit<LocalServer, 'stop' | 'kill' | 'start' | 'pid'>,
): LocalServer {
  let child: ChildProcess | undefined;
  const exit = (signal: NodeJS.Signals) =>
    new Promise<void>((res) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return res();
      const t = setTimeout(() => c.kill('SIGKILL'), 5_000);
      c.once('exit', () => {
        clearTimeout(t);
        res();
      });
      c.kill(signal);
    });
  const server: LocalServer = {
    ...base,
    get pid() {
      return child?.pid;
    },
    async start() {
      child = startProcess();
      await ready();
    },
    stop: () => exit('SIGTERM'),
    kill: () => exit('SIGKILL'),
  };
  return server;
}

/** How a single JetStream nats-server runs on loopback, and the URL that answers 200 once it is ready. */
export function natsServerCommand(o: { port: number; monitor: number; dataDir: string }) {
  return {
    args: ['-js', '-sd', join(o.dataDir, 'js'), '-a', '127.0.0.1', '-p', String(o.port), '-m', String(o.monitor)],
    readyUrl: `http://127.0.0.1:${o.monitor}/healthz?js-enabled-only=true`,
  };
}

/** How FerretDB (SQLite backend) runs on loopback, and the URL that answers 200 once it is ready. */
export function ferretDbCommand(o: { port: number; debug: number; dataDir: string }) {
  return {
    args: [
      '--handler=sqlite',
      // WAL with synchronous=NORMAL: durable across process crashes; a power cut may lose the last commits.
      `--sqlite-url=file:${o.dataDir}/?_pragma=synchronous(normal)`,
      `--listen-addr=127.0.0.1:${o.port}`,
      `--state-dir=${o.dataDir}`,
      '--telemetry=disable',
      `--debug-addr=127.0.0.1:${o.debug}`,
      '--log-level=WARN',
    ],
    readyUrl: `http://127.0.0.1:${o.debug}/debug/readyz`,
  };
}

/** A NATS server with JetStream on a free loopback port, data in a temp dir. */
export async function startLocalNats(options: { port?: number; dataDir?: string } = {}): Promise<LocalServer> {
  const bin = localBinary('nats-server');
  const port = options.port ?? (await freePort());
  const monitor = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aiplat-nats-'));
  const log = join(dataDir, 'nats.log');
  const command = natsServerCommand({ port, monitor, dataDir });
  const server = managed(
    () => {
      const fd = openSync(log, 'a');
      return spawn(bin, command.args, { stdio: ['ignore', fd, fd] });
    },
    () => waitForHttp(command.readyUrl, (s) => s === 200, 30_000, 'nats-server', log),
    { url: `nats://127.0.0.1:${port}`, port, dataDir },
  );
  await server.start();
  return server;
}

/** FerretDB (SQLite backend) on a free loopback port, data in a temp dir. */
export async function startLocalFerretDb(options: { port?: number; dataDir?: string } = {}): Promise<LocalServer> {
  const bin = localBinary('ferretdb');
  const port = options.port ?? (await freePort());
  const debug = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aiplat-ferretdb-'));
  const log = join(dataDir, 'ferretdb.log');
  const command = ferretDbCommand({ port, debug, dataDir });
  const server = managed(
    () => {
      const fd = openSync(log, 'a');
      return spawn(bin, command.args, { stdio: ['ignore', fd, fd] });
    },
    () => waitForHttp(command.readyUrl, (s) => s === 200, 30_000, 'ferretdb', log),
    { url: `mongodb://127.0.0.1:${port}/`, port, dataDir },
  );
  await server.start();
  return server;
}

export interface LocalNatsNode extends LocalServer {
  /** `server_name` of the node (`nats-1` …), as JetStream names it in leader and replica fields. */
  name: string;
  routePort: number;
  monitorPort: number;
  /** HTTP monitoring base URL (`/healthz`, `/jsz`, `/varz`, …). */
  monitorUrl: string;
  /** Whether the node's process is running. */
  readonly running: boolean;
}

export interface LocalNatsCluster {
  /** Client URLs of every node, comma-separated, as `NATS_URL` takes them. */
  url: string;
  nodes: LocalNatsNode[];
  /** The node with this `server_name`. */
  node(name: string): LocalNatsNode;
  /** Stops every node that is still running. */
  stop(): Promise<void>;
}

/**
 * The 3-node JetStream cluster of `infra.sh cluster` (cluster `aiplat`, the settings of
 * infra/nats/cluster/nats-*.conf on loopback), on free client, route and monitoring ports, with
 * its data under a directory of its own. Each node can be killed (`kill -9`) and started again on its ports and data.
 * A node counts as ready once `/healthz` answers 200, which needs a meta leader (a quorum of
 * nodes) and, after a restart, the node's streams and consumers caught up.
 */
export async function startLocalNatsCluster(options: { dataDir?: string } = {}): Promise<LocalNatsCluster> {
  const bin = localBinary('nats-server');
  const size = 3;
  const root = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aiplat-nats-cluster-'));
  const ports: Array<{ client: number; route: number; monitor: number }> = [];
  for (let i = 0; i < size; i++)
    ports.push({ client: await freePort(), route: await freePort(), monitor: await freePort() });
  // The node configurations are the infra script's own (`infra.sh cluster conf N`), on these ports.
  const portEnv = Object.fromEntries(
    ports.flatMap((p, i) => [
      [`NATS_CLUSTER_${i + 1}_PORT`, String(p.client)],
      [`NATS_CLUSTER_${i + 1}_ROUTE_PORT`, String(p.route)],
      [`NATS_CLUSTER_${i + 1}_MONITOR_PORT`, String(p.monitor)],
    ]),
  );
  const nodes = ports.map((p, i): LocalNatsNode => {
    const name = `nats-${i + 1}`;
    const conf = execFileSync('bash', [INFRA_SCRIPT, 'cluster', 'conf', String(i + 1)], {
      encoding: 'utf8',
      env: { ...process.env, ...portEnv, AIPLAT_INFRA_DIR: root },
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    const dir = dirname(conf);
    const log = join(dir, 'nats.log');
    let child: ChildProcess | undefined;
    const server = managed(
      () => {
        const fd = openSync(log, 'a');
        child = spawn(bin, ['-c', conf], { stdio: ['ignore', fd, fd] });
        return child;
      },
      () => waitForHttp(`http://127.0.0.1:${p.monitor}/healthz`, (s) => s === 200, 60_000, `nats-server ${name}`, log),
      { url: `nats://127.0.0.1:${p.client}`, port: p.client, dataDir: dir },
    );
    // defineProperty, not Object.assign: assign would copy the getter's value once instead of the getter.
    Object.defineProperty(server, 'running', {
      get: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    });
    return Object.assign(server as LocalNatsNode, {
      name,
      routePort: p.route,
      monitorPort: p.monitor,
      monitorUrl: `http://127.0.0.1:${p.monitor}`,
    });
  });
  // No node is healthy before a quorum has formed: start every process first, then wait for each.
  const started = nodes.map((n) => n.start());
  try {
    await Promise.all(started);
  } catch (err) {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    throw err;
  }
  return {
    url: nodes.map((n) => n.url).join(','),
    nodes,
    node(name) {
      const n = nodes.find((x) => x.name === name);
      if (!n) throw new Error(`no node ${name} in this cluster (${nodes.map((x) => x.name).join(', ')})`);
      return n;
    },
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
