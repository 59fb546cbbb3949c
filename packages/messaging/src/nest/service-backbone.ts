import { createLogger, HealthRegistry, startHealthServer, type Logger } from '@aiplat/observability';
import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
  type Type,
} from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { NatsConnection } from 'nats';
import { OutboxRelay } from '../outbox-relay';
import { Topology } from '../topology';
import { MESSAGING_LOGGER, MessagingModule, NATS_CONNECTION } from './messaging.module';
import { createServiceMicroservice } from './rpc-server';

/** The environment every service validates at boot (its own schema adds the rest). */
export interface ServiceBaseEnv {
  NATS_URL: string;
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
  AIPLAT_TOPOLOGY_PREFIX: string;
  HEALTH_PORT?: number | undefined;
  LOG_LEVEL: string;
}

/** Starts the relay with the service and stops it before the connection drains. */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Module({})
class ServiceEnvModule {}

const credentials = (env: ServiceBaseEnv) => (env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {});

/**
 * What a service module needs around its own providers: messaging (NATS, streams, health), its
 * validated env under `envToken` (global), and an outbox relay over the collections that
 * `outboxCollections` (a provider of the service) names, started and stopped with the service.
 */
export function serviceBackbone<E extends ServiceBaseEnv, C extends { withOutbox(): Array<Collection<Document>> }>(
  service: string,
  env: E,
  envToken: symbol,
  outboxCollections: Type<C>,
): { imports: DynamicModule[]; providers: Provider[] } {
  const logger = createLogger({ service, level: env.LOG_LEVEL as 'info' });
  return {
    imports: [
      MessagingModule.forRoot({
        service,
        natsUrl: env.NATS_URL,
        ...credentials(env),
        topology: { prefix: env.AIPLAT_TOPOLOGY_PREFIX },
        logger,
      }),
      {
        module: ServiceEnvModule,
        global: true,
        providers: [{ provide: envToken, useValue: env }],
        exports: [envToken],
      },
    ],
    providers: [
      {
        provide: OutboxRelay,
        inject: [NATS_CONNECTION, Topology, outboxCollections, MESSAGING_LOGGER],
        useFactory: (nc: NatsConnection, topology: Topology, db: C, log: Logger) =>
          new OutboxRelay({ js: nc.jetstream(), topology, logger: log, collections: db.withOutbox() }),
      },
      OutboxRelayLifecycle,
    ],
  };
}

/** A service's `main`: validated env, the microservice on NATS, the health endpoints; exits on a failed start. */
export function runService<E extends ServiceBaseEnv>(
  service: string,
  loadEnv: () => E,
  module: (env: E) => unknown,
): void {
  const start = async () => {
    const env = loadEnv();
    const log = createLogger({ service, level: env.LOG_LEVEL as 'info' });
    const app = await createServiceMicroservice(module(env), { service, natsUrl: env.NATS_URL, ...credentials(env) });
    app.enableShutdownHooks();
    await app.listen();
    if (env.HEALTH_PORT !== undefined) {
      const health = await startHealthServer({ port: env.HEALTH_PORT, registry: app.get(HealthRegistry), logger: log });
      log.info({ port: health.port }, 'health endpoints listening');
    }
    log.info(`${service} service ready`);
  };
  start().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

/** The reply to `rpc.<service>.health.check`: the readiness checks of the service's registry. */
export async function healthReply(service: string, health: HealthRegistry) {
  const r = await health.readiness();
  return {
    service,
    status: r.status === 'ok' ? ('ok' as const) : ('degraded' as const),
    checks: Object.fromEntries(
      Object.entries(r.checks).map(([k, v]) => [k, { ok: v.ok, ...(v.detail ? { detail: v.detail } : {}) }]),
    ),
  };
}
