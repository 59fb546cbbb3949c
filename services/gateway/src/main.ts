import 'reflect-metadata';
import { createLogger } from '@aiplat/observability';
import { loadGatewayEnv } from './config/env';
import { createGatewayApp } from './gateway-app';

async function main(): Promise<void> {
  const env = loadGatewayEnv();
  const log = createLogger({ service: 'gateway', level: env.LOG_LEVEL as 'info' });
  const app = await createGatewayApp(env);
  await app.listen(env.GATEWAY_PORT, env.GATEWAY_HOST);
  log.info({ url: `http://${env.GATEWAY_HOST}:${env.GATEWAY_PORT}` }, 'gateway listening');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
