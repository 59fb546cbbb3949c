import { createLogger, HealthRegistry, startHealthServer } from '@aiplat/observability';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import { OutboxRelay } from '../outbox-relay';
import { createServiceMicroservice } from './rpc-server';

/**
 * What every service's bootstrap repeats, in one place: the relay started with the service,
 * its own database connection (with a readiness check), and `main()`.
 */

/** Starts the outbox relay with the service and stops it before the NATS connection drains. */
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
class ServiceDatabaseModule {}

/**
 * The service's own database as a global provider under `token` (a mongoose connection),
 * registered as the `mongodb` readiness check and closed on shutdown.
 */
export function serviceDatabaseModule(token: symbol, url: string, dbName: string): DynamicModule {
  @Injectable()
  class CloseConnection implements OnApplicationShutdown {
    constructor(@Inject(token) private readonly connection: Connection) {}
    async onApplicationShutdown(): Promise<void> {
      await this.connection.close();
    }
  }
  return {
    module: ServiceDatabaseModule,
    global: true,
    providers: [
      {
        provide: token,
        inject: [HealthRegistry],
        useFactory: async (health: HealthRegistry) => {
          const connection = await mongoose
            .createConnection(url, { dbName, serverSelectionTimeoutMS: 10_000 })
            .asPromise();
          health.register('mongodb', async () => {
            await connection.db?.admin().ping();
            return { ok: true };
          });
          return connection;
        },
      },
      CloseConnection,
    ],
    exports: [token],
  };
}

export interface ServiceMainEnv {
  NATS_URL: string;
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
  HEALTH_PORT?: number | undefined;
  LOG_LEVEL: string;
}

/** A service's `main()`: the request/reply server, shutdown hooks, optional health endpoints. */
export function runService(service: string, load: () => { env: ServiceMainEnv; module: unknown }): void {
  const start = async () => {
    const { env, module } = load();
    const log = createLogger({ service, level: env.LOG_LEVEL as 'info' });
    const app = await createServiceMicroservice(module, {
      service,
      natsUrl: env.NATS_URL,
      ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
    });
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
