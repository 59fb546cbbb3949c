import { createLogger, HealthRegistry, startHealthServer, type Logger } from '@aiplat/observability';
import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
  type Type,
} from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import { z } from 'zod';
import { OutboxRelay } from '../outbox-relay';
import { MESSAGING_LOGGER, MessagingModule, NATS_CONNECTION } from './messaging.module';
import { Topology } from '../topology';
import type { Collection, Db, Document } from 'mongodb';
import { platformEvents, type EventTypeOf, type PlatformEvents } from '@aiplat/contracts';
import { EventConsumer, type EventHandler } from '../event-consumer';
import { ProcessedEvents } from '../processed-events';
import type { NatsConnection } from 'nats';
import { createServiceMicroservice } from './rpc-server';

/**
 * What every domain service shares: the environment every one of them reads, its own database
 * connection, the outbox relay's lifecycle and the `main` that starts it all.
 */
export const serviceEnvFields = {
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017/'),
  /** Topology prefix (empty in production; tests give each suite its own). */
  AIPLAT_TOPOLOGY_PREFIX: z.string().default(''),
  /**
   * JetStream replicas of the streams (3 on the production cluster). Every copy of every service
   * ensures the streams with its own setting at start, so all of them must carry the same value.
   */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LOG_LEVEL: z.string().default('info'),
  /** How long an event may stay unacknowledged before JetStream redelivers it (ms). */
  EVENT_ACK_WAIT_MS: z.coerce.number().int().min(500).default(30_000),
  /** Handler failures (while the dependencies answer) before an event is parked in dead letters. */
  EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
};

/** The consumer settings every durable consumer of a service shares (from its environment). */
export interface ConsumerSettings {
  ackWaitMs: number;
  maxAttempts: number;
}
export const CONSUMER_SETTINGS = Symbol('CONSUMER_SETTINGS');

/** A database name (`<service>` in production; tests use one per suite). */
export const databaseNameSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);

/** Parses a service's environment, or fails with every problem listed. */
export function parseServiceEnv<S extends z.ZodType>(service: string, schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid ${service} environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/** The service's own MongoDB database (a mongoose connection; `.db` gives the driver's). */
export const SERVICE_DB = Symbol('SERVICE_DB');

@Injectable()
class CloseConnection implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_DB) private readonly connection: Connection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({})
export class ServiceDatabaseModule {
  /** Connects to `dbName` and reports the database in the readiness check. */
  static forRoot(options: { mongoUrl: string; dbName: string }): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      providers: [
        {
          provide: SERVICE_DB,
          inject: [HealthRegistry],
          useFactory: async (health: HealthRegistry) => {
            const connection = await mongoose
              .createConnection(options.mongoUrl, { dbName: options.dbName, serverSelectionTimeoutMS: 3_000 })
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
      exports: [SERVICE_DB],
    };
  }
}

/** Starts the outbox relay with the service and stops it before the NATS connection drains. */
@Injectable()
export class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

export interface ServiceMainOptions {
  service: string;
  module: DynamicModule;
  env: {
    NATS_URL: string;
    NATS_USER?: string | undefined;
    NATS_PASSWORD?: string | undefined;
    HEALTH_PORT?: number | undefined;
    LOG_LEVEL: string;
  };
}

/** A service's `main`: request/reply on NATS, shutdown hooks, the health endpoints when HEALTH_PORT is set. */
export async function runService({ service, module, env }: ServiceMainOptions): Promise<void> {
  const log: Logger = createLogger({ service, level: env.LOG_LEVEL as 'info' });
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
}

@Module({})
class ServiceEnvModule {}

/**
 * The imports every domain service module starts with: messaging (NATS, topology, RPC client,
 * health), its validated environment under `envToken`, and its own database.
 */
export function serviceFoundation<
  E extends ServiceMainOptions['env'] & {
    MONGO_URL: string;
    AIPLAT_TOPOLOGY_PREFIX: string;
    NATS_STREAM_REPLICAS: number;
    EVENT_ACK_WAIT_MS: number;
    EVENT_MAX_ATTEMPTS: number;
  },
>(options: { service: string; env: E; envToken: symbol; dbName: string; logger: Logger }): DynamicModule[] {
  const { service, env, envToken, dbName, logger } = options;
  return [
    MessagingModule.forRoot({
      service,
      natsUrl: env.NATS_URL,
      ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
      topology: { prefix: env.AIPLAT_TOPOLOGY_PREFIX, replicas: env.NATS_STREAM_REPLICAS },
      logger,
    }),
    {
      module: ServiceEnvModule,
      global: true,
      providers: [
        { provide: envToken, useValue: env },
        {
          provide: CONSUMER_SETTINGS,
          useValue: {
            ackWaitMs: env.EVENT_ACK_WAIT_MS,
            maxAttempts: env.EVENT_MAX_ATTEMPTS,
          } satisfies ConsumerSettings,
        },
      ],
      exports: [envToken, CONSUMER_SETTINGS],
    },
    ServiceDatabaseModule.forRoot({ mongoUrl: env.MONGO_URL, dbName }),
  ];
}

/** A durable consumer that starts with the service and stops (draining in-flight events) before it. */
export abstract class ConsumerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  abstract readonly consumer: { start(): Promise<void>; stop(): Promise<void> };

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

/** The answer to `rpc.<service>.health.check`: the readiness checks of this copy of the service. */
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

/**
 * The outbox relay over the collections a service's `collections` provider names (its
 * `withOutbox()`), started and stopped with the service.
 */
export function relayProviders<C extends { withOutbox(): Array<Collection<Document>> }>(
  collections: Type<C>,
): Provider[] {
  return [
    {
      provide: OutboxRelay,
      inject: [NATS_CONNECTION, Topology, collections, MESSAGING_LOGGER],
      useFactory: (nc: NatsConnection, topology: Topology, db: C, log: Logger) =>
        new OutboxRelay({ js: nc.jetstream(), topology, logger: log, collections: db.withOutbox() }),
    },
    RelayLifecycle,
  ];
}

/** What a service's durable consumer is made of, besides the backbone that every one shares. */
export interface PlatformConsumerOptions<T extends EventTypeOf<PlatformEvents>> {
  /** The durable consumer's name, e.g. `funding-task-checks` (also its dead-letter subject). */
  name: string;
  types: T[];
  handler: EventHandler<PlatformEvents, T>;
  concurrency?: number;
  backoffMs?: number[];
}

/**
 * Builds a service's durable consumers of platform events on the shared backbone: its NATS
 * connection, topology, logger, processed-event records in its own database and the consumer
 * settings of its environment; each consumer reports in the service's readiness (not ready while
 * it waits for a dependency).
 */
@Injectable()
export class ConsumerFactory {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_DB) private readonly connection: Connection,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
    @Inject(CONSUMER_SETTINGS) private readonly settings: ConsumerSettings,
    private readonly topology: Topology,
    private readonly health: HealthRegistry,
  ) {}

  create<T extends EventTypeOf<PlatformEvents>>(options: PlatformConsumerOptions<T>): EventConsumer<PlatformEvents, T> {
    const consumer = new EventConsumer({
      nc: this.nc,
      topology: this.topology,
      registry: platformEvents,
      processed: new ProcessedEvents(this.connection.db as unknown as Db),
      logger: this.logger,
      ...this.settings,
      ...options,
    });
    this.health.register(`consumer ${options.name}`, async () => consumer.readiness());
    return consumer;
  }
}
