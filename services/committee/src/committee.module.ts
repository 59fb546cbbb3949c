import { MESSAGING_LOGGER, MessagingModule, NATS_CONNECTION, OutboxRelay, Topology } from '@aiplat/messaging';
import { createLogger, type Logger } from '@aiplat/observability';
import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { Advices } from './advice/advices';
import { COMMITTEE_ENV, type CommitteeEnv } from './config/env';
import { CommitteeCollections, CommitteeDatabaseModule } from './database/collections';
import { Experts } from './expert/experts';
import { ReviewClock } from './review/review-clock';
import { ReviewConsumer } from './review/review-consumer';
import { ReviewRequests } from './review/review-requests';
import { Reviews } from './review/reviews';
import { TaskUnits } from './review/task-units';
import { CommitteeRpcController } from './rpc/committee.controller';

/** Starts the relay with the service and stops it before the connection drains. */
@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Module({})
export class CommitteeModule {
  static forRoot(env: CommitteeEnv): DynamicModule {
    const logger = createLogger({ service: 'committee', level: env.LOG_LEVEL as 'info' });
    return {
      module: CommitteeModule,
      imports: [
        MessagingModule.forRoot({
          service: 'committee',
          natsUrl: env.NATS_URL,
          ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
          topology: { prefix: env.AIPLAT_TOPOLOGY_PREFIX },
          logger,
        }),
        {
          module: EnvHolder,
          global: true,
          providers: [{ provide: COMMITTEE_ENV, useValue: env }],
          exports: [COMMITTEE_ENV],
        },
        CommitteeDatabaseModule,
      ],
      controllers: [CommitteeRpcController],
      providers: [
        CommitteeCollections,
        Experts,
        Advices,
        Reviews,
        TaskUnits,
        ReviewRequests,
        ReviewConsumer,
        ReviewClock,
        {
          provide: OutboxRelay,
          inject: [NATS_CONNECTION, Topology, CommitteeCollections, MESSAGING_LOGGER],
          useFactory: (nc: NatsConnection, topology: Topology, db: CommitteeCollections, log: Logger) =>
            new OutboxRelay({ js: nc.jetstream(), topology, logger: log, collections: db.withOutbox() }),
        },
        RelayLifecycle,
      ],
    };
  }
}

@Module({})
class EnvHolder {}
