import { connect, type NatsConnection } from 'nats';
import type { Logger } from '@aiplat/observability';

export interface NatsConnectOptions {
  url: string;
  /** Connection name shown by the server's monitoring: the service name. */
  name: string;
  user?: string;
  pass?: string;
  logger?: Logger;
}

/**
 * Connects with reconnects that never give up (nats.js stops after 10 by
 * default and the process stays broken) and waits for the server on first
 * connect, so services can start before NATS.
 */
export async function connectNats(options: NatsConnectOptions): Promise<NatsConnection> {
  const nc = await connect({
    servers: options.url.split(','),
    name: options.name,
    ...(options.user ? { user: options.user, pass: options.pass } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    reconnectJitter: 250,
    waitOnFirstConnect: true,
    pingInterval: 10_000,
  });
  const log = options.logger;
  if (log) {
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnecting' || s.type === 'error') {
          log.warn({ nats: { status: s.type, data: String(s.data) } }, 'nats connection %s', s.type);
        } else if (s.type === 'reconnect') {
          log.info({ nats: { status: s.type, data: String(s.data) } }, 'nats reconnected');
        }
      }
    })();
  }
  return nc;
}

/** Readiness: a round trip to the server succeeds (false while closed or reconnecting). */
export async function natsIsReady(nc: NatsConnection, timeoutMs = 1_000): Promise<boolean> {
  if (nc.isClosed() || nc.isDraining()) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((res) => (timer = setTimeout(() => res(false), timeoutMs)));
  try {
    return await Promise.race([
      nc.rtt().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
