import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthRegistry, ReadinessReport } from './health-registry';
import { LIVENESS_PATH, READINESS_PATH } from './health-paths';
import type { Logger } from './logger';

export interface HealthServerOptions {
  /** Defaults to `HEALTH_PORT`. `0` picks a free port (see `HealthServer.port`). */
  port?: number;
  /** Defaults to all interfaces, since probes arrive on the pod address. */
  host?: string;
  registry: HealthRegistry;
  logger: Logger;
}

export interface HealthServer {
  /** The port actually bound, which differs from the requested one when that was 0. */
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { registry } = options;
  const logger = options.logger.child({ component: 'health' });
  const port = resolvePort(options.port);
  let lastReadiness: ReadinessReport['status'] | undefined;

  const logTransition = (report: ReadinessReport): void => {
    if (report.status === lastReadiness) return;
    lastReadiness = report.status;
    // Only transitions are logged: probes hit this every few seconds.
    if (report.status === 'ok') logger.info('service is ready');
    else logger.warn({ checks: failingChecks(report) }, 'service is not ready');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== LIVENESS_PATH && path !== READINESS_PATH) {
      return send(req, res, 404, { status: 'not_found' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(req, res, 405, { status: 'method_not_allowed' });
    }
    if (path === LIVENESS_PATH) return send(req, res, 200, registry.liveness());
    const report = await registry.readiness();
    logTransition(report);
    return send(req, res, report.status === 'ok' ? 200 : 503, report);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'health request failed');
      if (!res.headersSent) send(req, res, 500, { status: 'error' });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  logger.info({ port: address.port, host: address.address }, 'health server listening');

  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    host: address.address,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Probe clients keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function failingChecks(report: ReadinessReport): Record<string, string> {
  const failing: Record<string, string> = {};
  for (const [name, check] of Object.entries(report.checks)) {
    if (!check.ok) failing[name] = check.detail ?? 'not ok';
  }
  return failing;
}

function resolvePort(port: number | undefined): number {
  if (port !== undefined) return assertPort(port, 'port');
  const raw = process.env['HEALTH_PORT']?.trim();
  if (raw === undefined || raw === '') {
    throw new Error('health server port is not configured: pass `port` or set HEALTH_PORT');
  }
  return assertPort(Number(raw), `HEALTH_PORT "${raw}"`);
}

function assertPort(port: number, what: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`${what} is not a valid TCP port (0-65535)`);
  }
  return port;
}
