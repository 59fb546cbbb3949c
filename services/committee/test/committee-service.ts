import {
  creditCodeCheckCharacter,
  appointExpertRpc,
  listExpertsRpc,
  platformEvents,
  suspendExpertRpc,
  type Actor,
  type DomainError,
  type EventDataOf,
  type ExpertField,
  type ExpertView,
  type PlatformEvents,
  type RequestContext,
} from '@aiplat/contracts';
import { connectNats, createEvent, createServiceMicroservice, RpcClient, Topology } from '@aiplat/messaging';
import { databaseUrl, uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { MongoClient, type Db } from 'mongodb';
import type { NatsConnection } from 'nats';
import { inject } from 'vitest';
import { streamEvents, type Json } from '../../gateway/test/gateway-harness';
import { CommitteeModule } from '../src/committee.module';
import { loadCommitteeEnv } from '../src/config/env';

import { eventually } from '../../funding/test/funding-service';

export { eventually };

export interface CommitteeHarness {
  app: INestMicroservice;
  rpc: RpcClient;
  nc: NatsConnection;
  topology: Topology;
  db: Db;
  /** Publishes an event as its producer would (message id = event id unless given). */
  publish(event: { id: string; type: keyof PlatformEvents }, msgId?: string): Promise<void>;
  /** Every envelope of this suite's EVENTS stream of one type, oldest first. */
  events(type: string): Promise<Json[]>;
  close(): Promise<void>;
}

/**
 * The committee service in this process, on the suite's own database and streams. Suites run one
 * at a time (fileParallelism: false), so it is the only committee service answering on NATS.
 */
export async function startCommitteeService(env: Record<string, string> = {}): Promise<CommitteeHarness> {
  const prefix = env.AIPLAT_TOPOLOGY_PREFIX ?? uniqueToken();
  const dbName = uniqueToken('committee_');
  const committeeEnv = loadCommitteeEnv({
    ...process.env,
    NATS_URL: inject('natsUrl'),
    MONGO_URL: inject('mongoUrl'),
    COMMITTEE_DB: dbName,
    AIPLAT_TOPOLOGY_PREFIX: prefix,
    LOG_LEVEL: 'error',
    REVIEW_CONSUMER_BACKOFF_MS: '200',
    REVIEW_CLOCK_INTERVAL_MS: '0',
    ...env,
  });
  const app = await createServiceMicroservice(CommitteeModule.forRoot(committeeEnv), {
    service: 'committee',
    natsUrl: committeeEnv.NATS_URL,
  });
  app.useLogger(false);
  await app.listen();
  const rpc = new RpcClient({ natsUrl: committeeEnv.NATS_URL, name: `test-${prefix}`, timeoutMs: 10_000 });
  await rpc.connect();
  const nc = await connectNats({ url: committeeEnv.NATS_URL, name: `test-${prefix}` });
  const topology = new Topology({ prefix });
  const mongo = await MongoClient.connect(databaseUrl(committeeEnv.MONGO_URL, dbName));
  const db = mongo.db(dbName);
  return {
    app,
    rpc,
    nc,
    topology,
    db,
    async publish(event, msgId) {
      const subject = platformEvents[event.type].subject;
      await nc.jetstream().publish(topology.physical(subject), JSON.stringify(event), { msgID: msgId ?? event.id });
    },
    async events(type) {
      return (await streamEvents(nc, prefix)).filter((e) => e.type === type);
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

/** The typed error a refused request fails with (the test fails if it succeeds). */
export async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a refusal');
}

/** Waits until the stream holds `count` events of `type` matching `match`, and returns them. */
export function eventsOf(h: CommitteeHarness, type: string, match: (e: Json) => boolean, count = 1): Promise<Json[]> {
  return eventually(
    async () => {
      const found = (await h.events(type)).filter(match);
      return found.length >= count ? found : undefined;
    },
    10_000,
    `${count} ${type}`,
  );
}

/** A request context for a user with these roles. */
export function as(id: string, roles: string[] = ['secretariat']): RequestContext {
  return { actor: { kind: 'user', id, roles }, requestId: `req-${uniqueToken()}` };
}

export const SECRETARIAT = as('secretariat-user');
export const TERM = { from: '2026-01-01', to: '2030-12-31' };

/** Appoints an expert for user `userId` (an expert account) and returns it. */
export function appoint(
  h: CommitteeHarness,
  userId: string,
  fields: ExpertField[],
  affiliation: ExpertView['affiliation'] = { organisation: `研究院 ${userId}` },
): Promise<ExpertView> {
  return h.rpc.request(appointExpertRpc, {
    context: as('secretariat-user'),
    userId,
    name: `专家 ${userId}`,
    affiliation,
    fields,
    term: TERM,
  });
}

/** Suspends every active expert, so a test's panel is chosen from the experts it appoints itself. */
export async function retireAll(h: CommitteeHarness): Promise<void> {
  const { items } = await h.rpc.request(listExpertsRpc, { context: as('secretariat-user'), status: 'active' });
  for (const e of items) {
    await h.rpc.request(suspendExpertRpc, { context: as('secretariat-user'), expertId: e.id, reason: 'test reset' });
  }
}

const tasksActor: Actor = { kind: 'user', id: 'bureau-user', unitId: 'city-economy-it', roles: ['bureau'] };

/** `task.status_changed` as the tasks service emits it. */
export function taskCompleted(
  code: string,
  over: Partial<EventDataOf<PlatformEvents, 'task.status_changed'>> = {},
  version = 5,
) {
  return createEvent(platformEvents, 'task.status_changed', {
    aggregateId: code,
    aggregateVersion: version,
    data: {
      taskId: code,
      code,
      title: `建设智能语音产业集群 ${code}`,
      from: 'in_progress',
      to: 'completed',
      leadUnitIds: ['city-economy-it'],
      coUnitIds: ['city-drc'],
      ...over,
    },
    correlationId: `req-${code}-${version}`,
    causationId: `req-${code}-${version}`,
    actor: tasksActor,
  });
}

/** A valid unified social credit code of the default applicant (its check character computed). */
export const ALLOCATION_APPLICANT_CODE = `91340100MA2NREKW0${creditCodeCheckCharacter('91340100MA2NREKW0')}`;

/** `allocation.review_requested` as the funding service emits it. */
export function allocationReviewRequested(over: Partial<EventDataOf<PlatformEvents, 'allocation.review_requested'>>) {
  const allocationId = `al-${uniqueToken('').padEnd(32, '0').slice(0, 32)}`;
  return createEvent(platformEvents, 'allocation.review_requested', {
    aggregateId: allocationId,
    aggregateVersion: 3,
    data: {
      allocationId,
      programmeId: 'ai-industry',
      year: 2026,
      amount: 900_000,
      applicantName: '合肥某智能科技有限公司',
      applicantCreditCode: ALLOCATION_APPLICANT_CODE,
      purpose: 'intelligent voice industrial cluster: speech recognition for courts',
      ...over,
    },
    correlationId: `req-${allocationId}`,
    causationId: `req-${allocationId}`,
    actor: { kind: 'user', id: 'funding-officer', roles: ['funding_officer'] },
  });
}

/** A task code of the suite's own. */
export function taskCode(): string {
  return `2099-${Math.floor(Math.random() * 1e6)}.${Math.floor(Math.random() * 100)}`;
}
