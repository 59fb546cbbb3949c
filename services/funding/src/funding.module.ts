import { relayProviders, serviceFoundation, ConsumerFactory } from '@aiplat/messaging';
import { createLogger } from '@aiplat/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import { AllocationStore } from './allocation/allocation-store';
import { Allocations } from './allocation/allocations';
import { ReviewConsumer } from './allocation/review-consumer';
import { BudgetStore } from './budget/budget-store';
import { CheckConsumer } from './check/check-consumer';
import { FundingChecks } from './check/funding-checks';
import { TaskProjection } from './check/task-projection';
import { FUNDING_ENV, type FundingEnv } from './config/env';
import { FundingCollections } from './database/collections';
import { Ledger } from './ledger/ledger';
import { ProgrammeAdmin } from './programme/programme-admin';
import { FundingRpcController } from './rpc/funding.controller';

@Module({})
export class FundingModule {
  static forRoot(env: FundingEnv): DynamicModule {
    return {
      module: FundingModule,
      imports: serviceFoundation({
        service: 'funding',
        env,
        envToken: FUNDING_ENV,
        dbName: env.FUNDING_DB,
        logger: createLogger({ service: 'funding', level: env.LOG_LEVEL as 'info' }),
      }),
      controllers: [FundingRpcController],
      providers: [
        ConsumerFactory,
        FundingCollections,
        BudgetStore,
        Ledger,
        AllocationStore,
        TaskProjection,
        Allocations,
        ProgrammeAdmin,
        FundingChecks,
        CheckConsumer,
        ReviewConsumer,
        ...relayProviders(FundingCollections),
      ],
    };
  }
}
