import { existsSync } from 'node:fs';

/** True where a Docker engine answers (a developer laptop); false on CI machines of this project. */
export function dockerAvailable(): boolean {
  if (process.env.TESTCONTAINERS_DISABLED === 'true') return false;
  const host = process.env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) return true;
  const socket = host ? host.slice('unix://'.length) : '/var/run/docker.sock';
  return existsSync(socket);
}

export interface ContainerServers {
  natsUrl: string;
  mongoUrl: string;
  stop(): Promise<void>;
}

/** NATS (JetStream) and MongoDB 7 as a single-node replica set, started with testcontainers. */
export async function startContainers(): Promise<ContainerServers> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const nats = await new GenericContainer('nats:2.12')
    .withCommand(['-js', '-m', '8222'])
    .withExposedPorts(4222, 8222)
    .withWaitStrategy(Wait.forHttp('/healthz?js-enabled-only=true', 8222))
    .start();
  const mongo = await new GenericContainer('mongo:7')
    .withCommand(['--replSet', 'rs0', '--bind_ip_all'])
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .start();
  await mongo.exec([
    'mongosh',
    '--quiet',
    '--eval',
    "rs.initiate({_id:'rs0',members:[{_id:0,host:'localhost:27017'}]})",
  ]);
  return {
    natsUrl: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
    mongoUrl: `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}/?directConnection=true`,
    async stop() {
      await Promise.allSettled([nats.stop(), mongo.stop()]);
    },
  };
}
