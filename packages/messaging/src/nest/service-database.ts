import { HealthRegistry } from '@aiplat/observability';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';

/**
 * The providers of a service's own database: a mongoose connection under `token` (opened at
 * boot, registered as the `mongodb` readiness check) and a hook closing it at shutdown.
 * `settings` reads the URL and database name from whatever the service's validated env is.
 */
export function serviceDatabaseProviders<E>(
  token: symbol,
  envToken: symbol,
  settings: (env: E) => { url: string; dbName: string },
): Provider[] {
  return [
    {
      provide: token,
      inject: [envToken, HealthRegistry],
      useFactory: async (env: E, health: HealthRegistry): Promise<Connection> => {
        const { url, dbName } = settings(env);
        const connection = await mongoose
          .createConnection(url, { dbName, serverSelectionTimeoutMS: 10_000 })
          .asPromise();
        health.register('mongodb', async () => {
          await connection.db?.admin().ping();
          return { ok: true };
        });
        return connection;
      },
    },
    {
      provide: Symbol(`${token.description ?? 'database'}:close`),
      inject: [token],
      useFactory: (connection: Connection): OnApplicationShutdown => ({
        onApplicationShutdown: () => connection.close(),
      }),
    },
  ];
}
