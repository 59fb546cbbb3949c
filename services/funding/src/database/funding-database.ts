import { HealthRegistry } from '@aiplat/observability';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import { FUNDING_ENV, type FundingEnv } from '../config/env';

export const FUNDING_DB = Symbol('FUNDING_DB');

@Injectable()
class CloseConnection implements OnApplicationShutdown {
  constructor(@Inject(FUNDING_DB) private readonly connection: Connection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** The funding service's own database. */
@Global()
@Module({
  providers: [
    {
      provide: FUNDING_DB,
      inject: [FUNDING_ENV, HealthRegistry],
      useFactory: async (env: FundingEnv, health: HealthRegistry) => {
        const connection = await mongoose
          .createConnection(env.MONGO_URL, { dbName: env.FUNDING_DB, serverSelectionTimeoutMS: 10_000 })
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
  exports: [FUNDING_DB],
})
export class FundingDatabaseModule {}
