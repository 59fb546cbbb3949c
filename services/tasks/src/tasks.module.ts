import {
  MESSAGING_LOGGER,
  NATS_CONNECTION,
  OutboxRelay,
  RelayLifecycle,
  serviceFoundation,
  Topology,
  ConsumerFactory,
} from '@aiplat/messaging';
import { createLogger, type Logger } from '@aiplat/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { TASKS_ENV, type TasksEnv } from './config/env';
import { TASKS_DB } from './database/tasks-database';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { WorkPlans } from './plan/work-plans';
import { OverdueClock } from './task/overdue-clock';
import { ImportPolicy } from './plan/import-policy';
import { TasksRpcController } from './rpc/tasks.controller';
import { MoveTask } from './task/move-task';
import { TaskIndex } from './task/task-index';
import { TaskQueries } from './task/task-queries';
import { TaskRepository } from './task/task.repository';
import { SupervisionRpcController } from './rpc/supervision.controller';
import { ExtensionRequests } from './supervision/extension-requests';
import { SupervisionClock } from './supervision/supervision-clock';
import { supervisionEnvProvider } from './supervision/supervision-env';
import { SupervisionNotices } from './supervision/supervision-notices';
import { SupervisionStore } from './supervision/supervision-store';
import { ReportsRpcController } from './rpc/reports.controller';
import { ProgressReports } from './report/progress-reports';
import { REPORTS_COLLECTION } from './report/report.schema';
import { TaskLedger } from './report/task-ledger';
import { AppraisalConsumer } from './appraisal/appraisal-consumer';
import { EditTask } from './task/edit-task';
import { FollowUpTasks } from './task/follow-up-tasks';
import { TaskProgress } from './task/task-progress';

@Module({})
export class TasksModule {
  static forRoot(env: TasksEnv): DynamicModule {
    return {
      module: TasksModule,
      imports: serviceFoundation({
        service: 'tasks',
        env,
        envToken: TASKS_ENV,
        dbName: env.TASKS_DB,
        logger: createLogger({ service: 'tasks', level: env.LOG_LEVEL as 'info' }),
      }),
      controllers: [TasksRpcController, SupervisionRpcController, ReportsRpcController],
      providers: [
        ConsumerFactory,
        TaskRepository,
        TaskIndex,
        TaskQueries,
        MoveTask,
        TaskProgress,
        EditTask,
        FollowUpTasks,
        AppraisalConsumer,
        ProgressReports,
        TaskLedger,
        ImportPolicy,
        WorkPlans,
        OverdueClock,
        supervisionEnvProvider,
        SupervisionStore,
        SupervisionNotices,
        ExtensionRequests,
        SupervisionClock,
        {
          provide: OutboxRelay,
          inject: [NATS_CONNECTION, Topology, TaskRepository, MESSAGING_LOGGER, TASKS_DB],
          useFactory: (nc: NatsConnection, topology: Topology, tasks: TaskRepository, log: Logger, db: Connection) =>
            new OutboxRelay({
              js: nc.jetstream(),
              topology,
              logger: log,
              // Every collection whose documents carry an outbox.
              collections: [
                tasks.collection,
                db.collection('plans') as unknown as Collection<Document>,
                db.collection('supervision_notices') as unknown as Collection<Document>,
                db.collection('extension_requests') as unknown as Collection<Document>,
                db.collection(REPORTS_COLLECTION) as unknown as Collection<Document>,
              ],
            }),
        },
        RelayLifecycle,
      ],
    };
  }
}
