import { relayProviders, serviceFoundation, ConsumerFactory } from '@aiplat/messaging';
import { createLogger } from '@aiplat/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConsultationCollections } from './collections';
import { CONSULTATIONS_ENV, type ConsultationsEnv } from './config/env';
import { Meetings } from './meeting/meetings';
import { Organisations } from './organisation/organisations';
import { RegistryConsumer } from './organisation/registry-consumer';
import { RecordConsumer } from './record/record-consumer';
import { Records } from './record/records';
import { Resolutions } from './resolution/resolutions';
import { ConsultationsRpcController } from './rpc/consultations.controller';

@Module({})
export class ConsultationsModule {
  static forRoot(env: ConsultationsEnv): DynamicModule {
    return {
      module: ConsultationsModule,
      imports: serviceFoundation({
        service: 'consultations',
        env,
        envToken: CONSULTATIONS_ENV,
        dbName: env.CONSULTATIONS_DB,
        logger: createLogger({ service: 'consultations', level: env.LOG_LEVEL as 'info' }),
      }),
      controllers: [ConsultationsRpcController],
      providers: [
        ConsumerFactory,
        ConsultationCollections,
        Records,
        Meetings,
        Resolutions,
        RecordConsumer,
        Organisations,
        RegistryConsumer,
        ...relayProviders(ConsultationCollections),
      ],
    };
  }
}
