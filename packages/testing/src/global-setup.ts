import type { TestProject } from 'vitest/node';
import { dockerAvailable, startContainers } from './containers';
import { startLocalFerretDb, startLocalNats } from './local-servers';

declare module 'vitest' {
  export interface ProvidedContext {
    natsUrl: string;
    mongoUrl: string;
    /** How the servers were found: env, testcontainers or local binaries. */
    infraSource: string;
  }
}

/**
 * Provides real NATS (JetStream) and MongoDB-wire URLs to integration tests, in
 * this order: NATS_URL / MONGO_URL from the environment; testcontainers where a
 * Docker engine answers; otherwise nats-server and FerretDB binaries from
 * infra/local/infra.sh, started on free loopback ports and stopped afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  let natsUrl = process.env.NATS_URL;
  let mongoUrl = process.env.MONGO_URL;
  let source = 'env';
  if ((!natsUrl || !mongoUrl) && dockerAvailable()) {
    const c = await startContainers();
    stops.push(() => c.stop());
    natsUrl ??= c.natsUrl;
    mongoUrl ??= c.mongoUrl;
    source = 'testcontainers';
  }
  if (!natsUrl) {
    const nats = await startLocalNats();
    stops.push(() => nats.stop());
    natsUrl = nats.url;
    source = 'local binaries';
  }
  if (!mongoUrl) {
    const db = await startLocalFerretDb();
    stops.push(() => db.stop());
    mongoUrl = db.url;
    source = 'local binaries';
  }
  process.stderr.write(`[testing] NATS ${natsUrl} · MongoDB-wire ${mongoUrl} (${source})\n`);
  project.provide('natsUrl', natsUrl);
  project.provide('mongoUrl', mongoUrl);
  project.provide('infraSource', source);
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
