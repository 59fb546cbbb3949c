import { createEvent, createServiceMicroservice, connectNats, RpcClient, Topology } from '@aiplat/messaging';
import {
  platformEvents,
  taskStatusChanged,
  taskOverdueFlagged,
  type Actor,
  type RequestContext,
  type TaskStatus,
} from '@aiplat/contracts';
import { databaseUrl, uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { MongoClient, type Db } from 'mongodb';
import type { NatsConnection } from 'nats';
import { inject } from 'vitest';
import { loadFundingEnv } from '../src/config/env';
import { FundingModule } from '../src/funding.module';

export interface FundingHarness {
  app: INestMicroservice;
  rpc: RpcClient;
  nc: NatsConnection;
  topology: Topology;
  db: Db;
  /** Publishes a task event as the tasks service would (a new message id each time unless given). */
  publishTaskEvent(event: TaskEventEnvelope, msgId?: string): Promise<void>;
  close(): Promise<void>;
}

export type TaskEventEnvelope = ReturnType<typeof taskMoved> | ReturnType<typeof taskOverdue>;

/**
 * The funding service in this process, on the suite's own database and streams. Suites run one
 * at a time (fileParallelism: false), so it is the only funding service answering on NATS.
 */
export async function startFundingService(env: Record<string, string> = {}): Promise<FundingHarness> {
  const prefix = uniqueToken();
  const dbName = uniqueToken('funding_');
  const fundingEnv = loadFundingEnv({
    ...process.env,
    NATS_URL: inject('natsUrl'),
    MONGO_URL: inject('mongoUrl'),
    FUNDING_DB: dbName,
    AIPLAT_TOPOLOGY_PREFIX: prefix,
    LOG_LEVEL: 'error',
    FUNDING_CHECK_BACKOFF_MS: '200',
    ...env,
  });
  const app = await createServiceMicroservice(FundingModule.forRoot(fundingEnv), {
    service: 'funding',
    natsUrl: fundingEnv.NATS_URL,
  });
  app.useLogger(false);
  await app.listen();
  const rpc = new RpcClient({ natsUrl: fundingEnv.NATS_URL, name: `test-${prefix}`, timeoutMs: 10_000 });
  await rpc.connect();
  const nc = await connectNats({ url: fundingEnv.NATS_URL, name: `test-${prefix}` });
  const topology = new Topology({ prefix });
  const mongo = await MongoClient.connect(databaseUrl(fundingEnv.MONGO_URL, dbName));
  const db = mongo.db(dbName);
  return {
    app,
    rpc,
    nc,
    topology,
    db,
    async publishTaskEvent(event, msgId) {
      const subject = event.type === 'task.status_changed' ? taskStatusChanged.subject : taskOverdueFlagged.subject;
      await nc.jetstream().publish(topology.physical(subject), JSON.stringify(event), { msgID: msgId ?? event.id });
    },
    async close() {
      await app.close();
      await rpc.close();
      await nc.drain().catch(() => undefined);
      await db.dropDatabase().catch(() => undefined);
      await mongo.close();
    },
  };
}

const tasksActor: Actor = { kind: 'user', id: 'bureau-user', unitId: 'city-economy-it', roles: ['bureau'] };

export function taskMoved(code: string, from: TaskStatus, to: TaskStatus, taskVersion: number) {
  return createEvent(platformEvents, 'task.status_changed', {
    aggregateId: code,
    aggregateVersion: taskVersion,
    data: { taskId: code, code, title: `任务 ${code}`, from, to, leadUnitIds: ['city-economy-it'], coUnitIds: [] },
    correlationId: `req-${code}-${taskVersion}`,
    causationId: `req-${code}-${taskVersion}`,
    actor: tasksActor,
  });
}

export function taskOverdue(code: string, status: TaskStatus, taskVersion: number) {
  return createEvent(platformEvents, 'task.overdue_flagged', {
    aggregateId: code,
    aggregateVersion: taskVersion,
    data: {
      taskId: code,
      code,
      title: `任务 ${code}`,
      status,
      dueDate: '2026-06-30',
      leadUnitIds: ['city-economy-it'],
    },
    correlationId: `clock-${code}-${taskVersion}`,
    causationId: `clock-${code}-${taskVersion}`,
    actor: { kind: 'system', id: 'tasks-clock' },
  });
}

/** A request context for a user with these roles. */
export function as(id: string, roles: string[] = ['funding_officer']): RequestContext {
  return { actor: { kind: 'user', id, roles }, requestId: `req-${uniqueToken()}` };
}

/** A task code of the suite's own (codes look like 2099-123.4). */
export function taskCode(): string {
  return `2099-${Math.floor(Math.random() * 1e6)}.${Math.floor(Math.random() * 100)}`;
}

export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
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
