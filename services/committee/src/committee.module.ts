import { relayProviders, serviceFoundation, ConsumerFactory } from '@aiplat/messaging';
import { createLogger } from '@aiplat/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import { Advices } from './advice/advices';
import { COMMITTEE_ENV, type CommitteeEnv } from './config/env';
import { CommitteeCollections } from './database/collections';
import { Experts } from './expert/experts';
import { ExpertSuspension } from './review/expert-suspension';
import { ReviewClock } from './review/review-clock';
import { ReviewConsumer } from './review/review-consumer';
import { ReviewRequests } from './review/review-requests';
import { Reviews } from './review/reviews';
import { TaskUnits } from './review/task-units';
import { SubjectConflicts } from './review/subject-conflicts';
import { CommitteeRpcController } from './rpc/committee.controller';

@Module({})
export class CommitteeModule {
  static forRoot(env: CommitteeEnv): DynamicModule {
    return {
      module: CommitteeModule,
      imports: serviceFoundation({
        service: 'committee',
        env,
        envToken: COMMITTEE_ENV,
        dbName: env.COMMITTEE_DB,
        logger: createLogger({ service: 'committee', level: env.LOG_LEVEL as 'info' }),
      }),
      controllers: [CommitteeRpcController],
      providers: [
        ConsumerFactory,
        CommitteeCollections,
        Experts,
        Advices,
        Reviews,
        ExpertSuspension,
        TaskUnits,
        SubjectConflicts,
        ReviewRequests,
        ReviewConsumer,
        ReviewClock,
        ...relayProviders(CommitteeCollections),
      ],
    };
  }
}
