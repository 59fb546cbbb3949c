import {
  MESSAGING_LOGGER,
  NATS_CONNECTION,
  OutboxRelay,
  RelayLifecycle,
  SERVICE_DB,
  serviceFoundation,
  Topology,
  ConsumerFactory,
} from '@aiplat/messaging';
import { createLogger, type Logger } from '@aiplat/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import type { NatsConnection } from 'nats';
import { TALENT_ENV, type TalentEnv } from './config/env';
import { TalentRpcController } from './rpc/talent.controller';
import { AllocationConsumer, ExpertConsumer } from './talent/consumers';
import { Talents } from './talent/talents';

@Module({})
export class TalentModule {
  static forRoot(env: TalentEnv): DynamicModule {
    return {
      module: TalentModule,
      imports: serviceFoundation({
        service: 'talent',
        env,
        envToken: TALENT_ENV,
        dbName: env.TALENT_DB,
        logger: createLogger({ service: 'talent', level: env.LOG_LEVEL as 'info' }),
      }),
      controllers: [TalentRpcController],
      providers: [
        ConsumerFactory,
        Talents,
        AllocationConsumer,
        ExpertConsumer,
        {
          provide: OutboxRelay,
          inject: [NATS_CONNECTION, Topology, SERVICE_DB, MESSAGING_LOGGER],
          useFactory: (nc: NatsConnection, topology: Topology, db: Connection, log: Logger) =>
            new OutboxRelay({
              js: nc.jetstream(),
              topology,
              logger: log,
              collections: [db.collection('talents') as unknown as Collection<Document>],
            }),
        },
        RelayLifecycle,
      ],
    };
  }
}
