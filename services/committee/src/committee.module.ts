import { serviceBackbone } from '@aiplat/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { Advices } from './advice/advices';
import { COMMITTEE_ENV, type CommitteeEnv } from './config/env';
import { CommitteeCollections, CommitteeDatabaseModule } from './database/collections';
import { Experts } from './expert/experts';
import { ExpertSuspension } from './review/expert-suspension';
import { ReviewClock } from './review/review-clock';
import { ReviewConsumer } from './review/review-consumer';
import { ReviewRequests } from './review/review-requests';
import { Reviews } from './review/reviews';
import { TaskUnits } from './review/task-units';
import { CommitteeRpcController } from './rpc/committee.controller';

@Module({})
export class CommitteeModule {
  static forRoot(env: CommitteeEnv): DynamicModule {
    const backbone = serviceBackbone('committee', env, COMMITTEE_ENV, CommitteeCollections);
    return {
      module: CommitteeModule,
      imports: [...backbone.imports, CommitteeDatabaseModule],
      controllers: [CommitteeRpcController],
      providers: [
        CommitteeCollections,
        Experts,
        Advices,
        Reviews,
        ExpertSuspension,
        TaskUnits,
        ReviewRequests,
        ReviewConsumer,
        ReviewClock,
        ...backbone.providers,
      ],
    };
  }
}
