import { HealthRegistry } from '@aiplat/observability';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import { TASKS_ENV, type TasksEnv } from '../config/env';

export const TASKS_DB = Symbol('TASKS_DB');

@Injectable()
class CloseConnection implements OnApplicationShutdown {
  constructor(@Inject(TASKS_DB) private readonly connection: Connection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** The tasks service's own database. */
@Global()
@Module({
  providers: [
    {
      provide: TASKS_DB,
      inject: [TASKS_ENV, HealthRegistry],
      useFactory: async (env: TasksEnv, health: HealthRegistry) => {
        const connection = await mongoose
          .createConnection(env.MONGO_URL, { dbName: env.TASKS_DB, serverSelectionTimeoutMS: 10_000 })
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
  exports: [TASKS_DB],
})
export class TasksDatabaseModule {}
