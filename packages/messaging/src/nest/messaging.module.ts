import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createLogger, HealthRegistry, type Logger } from '@aiplat/observability';
import type { NatsConnection } from 'nats';
import { connectNats, natsIsReady } from '../connection';
import { DeadLetters } from '../dead-letters';
import { streamReplicasFromEnv, Topology, type TopologyOptions } from '../topology';
import { RpcClient } from './rpc-client';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const MESSAGING_LOGGER = Symbol('MESSAGING_LOGGER');

export interface MessagingModuleOptions {
  /** The service's name: NATS connection name, queue group and consumer-name prefix. */
  service: string;
  natsUrl: string;
  /** Per-service NATS credentials in production (infra/nats/accounts.example.conf). */
  user?: string;
  pass?: string;
  /** Streams and subjects; `replicas`, when not given, comes from `NATS_STREAM_REPLICAS` (else 1). */
  topology?: TopologyOptions;
  /** Default request/reply timeout (ms). */
  rpcTimeoutMs?: number;
  logger?: Logger;
}

/** `@InjectNats()`: the service's JetStream-capable NATS connection. */
export const InjectNats = (): ParameterDecorator => Inject(NATS_CONNECTION);

@Injectable()
class MessagingShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly rpc: RpcClient,
  ) {}

  /** Consumers and relays are stopped by their owners' hooks first; then the connection drains. */
  async onApplicationShutdown(): Promise<void> {
    await this.rpc.close();
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

/**
 * What every service imports: one NATS connection (unlimited reconnects), the
 * streams ensured at start, the dead-letter store, a typed request/reply
 * client, and a health registry with the NATS readiness check. Relays and
 * consumers are built by each service from these, since only it knows its
 * collections and handlers.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const logger = options.logger ?? createLogger({ service: options.service });
    const credentials = options.user ? { user: options.user, pass: options.pass } : {};
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_LOGGER, useValue: logger },
        {
          provide: Topology,
          useValue: new Topology({
            ...options.topology,
            replicas: options.topology?.replicas ?? streamReplicasFromEnv(),
          }),
        },
        {
          provide: NATS_CONNECTION,
          inject: [Topology],
          useFactory: async (topology: Topology) => {
            const nc = await connectNats({ url: options.natsUrl, name: options.service, logger, ...credentials });
            await topology.ensureStreams(await nc.jetstreamManager());
            return nc;
          },
        },
        {
          provide: DeadLetters,
          inject: [NATS_CONNECTION, Topology],
          useFactory: async (nc: NatsConnection, topology: Topology) =>
            new DeadLetters(nc.jetstream(), await nc.jetstreamManager(), topology),
        },
        {
          provide: RpcClient,
          useFactory: async () => {
            const client = new RpcClient({
              natsUrl: options.natsUrl,
              name: `${options.service}-rpc-client`,
              ...credentials,
              ...(options.rpcTimeoutMs ? { timeoutMs: options.rpcTimeoutMs } : {}),
            });
            await client.connect();
            return client;
          },
        },
        {
          provide: HealthRegistry,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) => {
            const registry = new HealthRegistry();
            registry.register('nats', async () => ({ ok: await natsIsReady(nc) }));
            return registry;
          },
        },
        MessagingShutdown,
      ],
      exports: [MESSAGING_LOGGER, Topology, NATS_CONNECTION, DeadLetters, RpcClient, HealthRegistry],
      global: true,
    };
  }
}
