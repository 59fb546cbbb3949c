import {
  MESSAGING_LOGGER,
  MessagingModule,
  NATS_CONNECTION,
  OutboxRelay,
  OutboxRelayLifecycle,
  Topology,
} from '@aiplat/messaging';
import { createLogger, type Logger } from '@aiplat/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { AllocationStore } from './allocation/allocation-store';
import { Allocations } from './allocation/allocations';
import { BudgetStore } from './budget/budget-store';
import { CheckConsumer } from './check/check-consumer';
import { FundingChecks } from './check/funding-checks';
import { TaskProjection } from './check/task-projection';
import { FUNDING_ENV, type FundingEnv } from './config/env';
import { FundingCollections } from './database/collections';
import { fundingDatabaseModule } from './database/funding-database';
import { Ledger } from './ledger/ledger';
import { ProgrammeAdmin } from './programme/programme-admin';
import { FundingRpcController } from './rpc/funding.controller';

@Module({})
export class FundingModule {
  static forRoot(env: FundingEnv): DynamicModule {
    const logger = createLogger({ service: 'funding', level: env.LOG_LEVEL as 'info' });
    return {
      module: FundingModule,
      imports: [
        MessagingModule.forRoot({
          service: 'funding',
          natsUrl: env.NATS_URL,
          ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
          topology: { prefix: env.AIPLAT_TOPOLOGY_PREFIX },
          logger,
        }),
        {
          module: EnvHolder,
          global: true,
          providers: [{ provide: FUNDING_ENV, useValue: env }],
          exports: [FUNDING_ENV],
        },
        fundingDatabaseModule(env),
      ],
      controllers: [FundingRpcController],
      providers: [
        FundingCollections,
        BudgetStore,
        Ledger,
        AllocationStore,
        TaskProjection,
        Allocations,
        ProgrammeAdmin,
        FundingChecks,
        CheckConsumer,
        {
          provide: OutboxRelay,
          inject: [NATS_CONNECTION, Topology, FundingCollections, MESSAGING_LOGGER],
          useFactory: (nc: NatsConnection, topology: Topology, db: FundingCollections, log: Logger) =>
            new OutboxRelay({ js: nc.jetstream(), topology, logger: log, collections: db.withOutbox() }),
        },
        OutboxRelayLifecycle,
      ],
    };
  }
}

@Module({})
class EnvHolder {}
