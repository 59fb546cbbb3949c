import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { HealthRegistry } from '@aiplat/observability';
import mongoose, { type Connection } from 'mongoose';
import { GATEWAY_ENV, type GatewayEnv } from '../config/env';

export const DB_CONNECTION = Symbol('DB_CONNECTION');

@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(@Inject(DB_CONNECTION) private readonly connection: Connection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** The gateway's own database (identity, sessions, audit, idempotency keys). */
@Global()
@Module({
  providers: [
    {
      provide: DB_CONNECTION,
      inject: [GATEWAY_ENV, HealthRegistry],
      useFactory: async (env: GatewayEnv, health: HealthRegistry) => {
        const connection = await mongoose
          .createConnection(env.MONGO_URL, { dbName: env.GATEWAY_DB, serverSelectionTimeoutMS: 3_000 })
          .asPromise();
        health.register('mongodb', async () => {
          await connection.db?.admin().ping();
          return { ok: true };
        });
        return connection;
      },
    },
    DatabaseShutdown,
  ],
  exports: [DB_CONNECTION],
})
export class DatabaseModule {}
