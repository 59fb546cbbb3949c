import { createLogger } from '@aiplat/observability';
import { databaseUrl, uniqueToken } from '@aiplat/testing';
import { MongoClient, type Collection, type Db, type Document } from 'mongodb';
import type { NatsConnection } from 'nats';
import {
  connectNats,
  createEvent,
  EventConsumer,
  outboxFieldsForInsert,
  ProcessedEvents,
  Topology,
  toOutboxEntries,
  withOutbox,
  type EventHandler,
  type StagedEvent,
} from '../src';
import { probeEvents, type ProbeEvents } from './probe-events';

export const testLogger = createLogger({
  service: 'messaging-test',
  level: (process.env.TEST_LOG_LEVEL as 'warn') ?? 'error',
});

export interface Harness {
  token: string;
  topology: Topology;
  nc: NatsConnection;
  mongo: MongoClient;
  db: Db;
  probes: Collection<Document>;
  close(): Promise<void>;
}

/** A suite's own streams (by prefix) and database, on the shared test servers. */
export async function openHarness(natsUrl: string, mongoUrl: string): Promise<Harness> {
  const token = uniqueToken();
  const topology = new Topology({ prefix: token });
  const nc = await connectNats({ url: natsUrl, name: `test-${token}` });
  await topology.ensureStreams(await nc.jetstreamManager());
  const mongo = await MongoClient.connect(databaseUrl(mongoUrl, token));
  const db = mongo.db(token);
  return {
    token,
    topology,
    nc,
    mongo,
    db,
    probes: db.collection('probes'),
    async close() {
      await nc.drain().catch(() => undefined);
      await db.dropDatabase().catch(() => undefined);
      await mongo.close();
    },
  };
}

export function probeEvent(aggregateId: string, n: number, correlationId = `req-${n}`) {
  return createEvent(probeEvents, 'probe.happened', {
    aggregateId,
    data: { n },
    correlationId,
    causationId: correlationId,
    actor: { kind: 'system', id: 'test' },
  });
}

/** Writes a probe aggregate and its event in one atomic update, as a service's repository would. */
export async function writeProbe(h: Harness, aggregateId: string, n: number): Promise<StagedEvent[]> {
  const staged = toOutboxEntries([
    { envelope: probeEvent(aggregateId, n), subject: probeEvents['probe.happened'].subject },
  ]);
  const existing = await h.probes.findOne({ _id: aggregateId as never });
  if (!existing) {
    await h.probes.insertOne({ _id: aggregateId as never, n, ...outboxFieldsForInsert(staged) });
  } else {
    await h.probes.updateOne({ _id: aggregateId as never }, withOutbox<Document>({ $set: { n } }, staged));
  }
  return staged;
}

export function probeConsumer(
  h: Harness,
  name: string,
  handler: EventHandler<ProbeEvents>,
  options: {
    maxAttempts?: number;
    backoffMs?: number[];
    ackWaitMs?: number;
    concurrency?: number;
    nc?: NatsConnection;
  } = {},
) {
  return new EventConsumer({
    nc: options.nc ?? h.nc,
    topology: h.topology,
    registry: probeEvents,
    processed: new ProcessedEvents(h.db),
    logger: testLogger,
    name,
    types: ['probe.happened'],
    handler,
    ...options,
  });
}

export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export async function streamMessageCount(h: Harness): Promise<number> {
  const jsm = await h.nc.jetstreamManager();
  return (await jsm.streams.info(h.topology.eventsStream)).state.messages;
}
