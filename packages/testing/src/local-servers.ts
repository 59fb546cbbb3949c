import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

/** A NATS server with JetStream on a free loopback port, data in a temp dir. */
export async function startLocalNats(options: { port?: number; dataDir?: string } = {}): Promise<LocalServer> {
  const bin = localBinary('nats-server');
  const port = options.port ?? (await freePort());
  const monitor = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aiplat-nats-'));
  const log = join(dataDir, 'nats.log');
  const server = managed(
    () => {
      const fd = openSync(log, 'a');
      return spawn(
        bin,
        ['-js', '-sd', join(dataDir, 'js'), '-a', '127.0.0.1', '-p', String(port), '-m', String(monitor)],
        {
          stdio: ['ignore', fd, fd],
        },
      );
    },
    () =>
      waitForHttp(
        `http://127.0.0.1:${monitor}/healthz?js-enabled-only=true`,
        (s) => s === 200,
        30_000,
        'nats-server',
        log,
      ),
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
  const server = managed(
    () => {
      const fd = openSync(log, 'a');
      return spawn(
        bin,
        [
          '--handler=sqlite',
          // WAL with synchronous=NORMAL: durable across process crashes; a power cut may lose the last commits.
          `--sqlite-url=file:${dataDir}/?_pragma=synchronous(normal)`,
          `--listen-addr=127.0.0.1:${port}`,
          `--state-dir=${dataDir}`,
          '--telemetry=disable',
          `--debug-addr=127.0.0.1:${debug}`,
          '--log-level=WARN',
        ],
        { stdio: ['ignore', fd, fd] },
      );
    },
    () => waitForHttp(`http://127.0.0.1:${debug}/debug/readyz`, (s) => s === 200, 30_000, 'ferretdb', log),
    { url: `mongodb://127.0.0.1:${port}/`, port, dataDir },
  );
  await server.start();
  return server;
}
