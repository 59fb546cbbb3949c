import {
  createFollowUpTaskRpc,
  getTaskRpc,
  moveTaskRpc,
  seedProgrammesRpc,
  type RequestContext,
} from '@aiplat/contracts';
import { connectNats, RpcClient, Topology } from '@aiplat/messaging';
import { databaseUrl, startLocalNatsCluster, uniqueToken, type LocalNatsCluster } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { MongoClient, type Db } from 'mongodb';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { moveStreamLeader, waitForNewStreamLeader } from '../../../packages/messaging/test/cluster-probe';
import { RECORD_CONSUMER } from '../../consultations/src/record/record-consumer';
import { FUNDING_CHECK_CONSUMER } from '../../funding/src/check/check-consumer';
import { approved, CREATOR, setBudget, taskTranches } from '../../funding/test/allocation-flow';
import { as, eventually, startFundingService, type FundingHarness } from '../../funding/test/funding-service';
import { startConsultationsService } from './consultations-service';
import { startTasksService } from './tasks-service';

const office: RequestContext['actor'] = { kind: 'user', id: 'office-user', roles: ['office'] };
const bureau: RequestContext['actor'] = {
  kind: 'user',
  id: 'bureau-user',
  unitId: 'city-economy-it',
  roles: ['bureau'],
};
const ctx = (actor: RequestContext['actor']): RequestContext => ({ actor, requestId: `req-${uniqueToken()}` });

/**
 * The card flow on a 3-node JetStream cluster with replicas = 3: the tasks, funding and
 * consultations services run in this process against all three nodes; tasks with approved
 * allocations linked to them are moved to at_risk while the node leading the event stream (and the
 * funding and consultation consumers) is killed and started again. Each at-risk move must give
 * exactly one funding check (tranches held) and one consultation record, none parked.
 */
describe('card flow on a 3-node NATS cluster across the loss of the stream leader', () => {
  let cluster: LocalNatsCluster;
  let tasks: INestMicroservice;
  let funding: FundingHarness;
  let consultations: INestMicroservice;
  let rpc: RpcClient;
  let nc: NatsConnection;
  let mongo: MongoClient;
  let tasksDb: Db;
  let consultationsDb: Db;
  const prefix = uniqueToken();
  const topology = new Topology({ prefix, replicas: 3 });
  const names = { tasks: uniqueToken('tasks_'), consultations: uniqueToken('consultations_') };
  const replicasBefore = process.env.NATS_STREAM_REPLICAS;

  beforeAll(async () => {
    cluster = await startLocalNatsCluster();
    // Every service ensures the streams at start; without this each would make (or scale them to) one replica.
    process.env.NATS_STREAM_REPLICAS = '3';
    const env = { NATS_URL: cluster.url, AIPLAT_TOPOLOGY_PREFIX: prefix };
    tasks = await startTasksService({ ...env, TASKS_DB: names.tasks });
    funding = await startFundingService({ ...env, FUNDING_CHECK_BACKOFF_MS: '200' });
    consultations = await startConsultationsService({ ...env, CONSULTATIONS_DB: names.consultations });
    rpc = new RpcClient({ natsUrl: cluster.url, name: `test-${prefix}`, timeoutMs: 3_000 });
    await rpc.connect();
    nc = await connectNats({ url: cluster.url, name: `test-${prefix}` });
    mongo = await MongoClient.connect(databaseUrl(inject('mongoUrl'), names.tasks));
    tasksDb = mongo.db(names.tasks);
    consultationsDb = mongo.db(names.consultations);
  });
  afterAll(async () => {
    if (replicasBefore === undefined) delete process.env.NATS_STREAM_REPLICAS;
    else process.env.NATS_STREAM_REPLICAS = replicasBefore;
    await consultations?.close();
    await funding?.close();
    await tasks?.close();
    await rpc?.close();
    await nc?.drain().catch(() => undefined);
    await tasksDb?.dropDatabase().catch(() => undefined);
    await consultationsDb?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    await cluster?.stop();
  });

  /** A move by RPC that survives a lost request: on failure, look at the task and try again if it did not move. */
  async function moveTo(code: string, move: 'start' | 'flag_risk', to: string, reason?: string): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await rpc.request(moveTaskRpc, { context: ctx(bureau), code, move, ...(reason ? { reason } : {}) });
        return;
      } catch {
        const task = await rpc.request(getTaskRpc, { context: ctx(bureau), code }).catch(() => undefined);
        if (task?.status === to) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    throw new Error(`could not move ${code} to ${to}`);
  }

  it('gives one funding check and one consultation record per at-risk move while the stream leader is killed and restarted', async () => {
    const jsm = await nc.jetstreamManager();
    for (const stream of [topology.eventsStream, topology.deadLetterStream]) {
      expect((await jsm.streams.info(stream)).config.num_replicas).toBe(3);
    }

    // Tasks in progress, each with one approved allocation linked to it.
    await funding.rpc.request(seedProgrammesRpc, { context: as(CREATOR) });
    await setBudget(funding, 'ai-industry', 2026, 50_000_000);
    const count = 8;
    const codes: string[] = [];
    for (let i = 0; i < count; i++) {
      const task = await rpc.request(createFollowUpTaskRpc, {
        context: ctx(office),
        sourceKey: `cluster-${prefix}-${i}`,
        title: `集群演练任务 ${i}`,
        description: 'failover drill',
        leadUnitIds: ['city-economy-it'],
        dueDate: '2026-12-31',
        year: 2026,
      });
      codes.push(task.code);
      await moveTo(task.code, 'start', 'in_progress');
    }
    const checks = funding.db.collection<{ _id: string; taskCode: string; to: string; at: Date }>('funding_checks');
    const allocationIds = new Map<string, string>();
    for (const code of codes) {
      await eventually(async () => (await checks.findOne({ taskCode: code, to: 'in_progress' })) ?? undefined);
      const a = await approved(funding, {
        programmeId: 'ai-industry',
        year: 2026,
        taskCode: code,
        amount: 300_000,
        tranches: taskTranches(300_000),
      });
      allocationIds.set(code, a.id);
    }

    // The node to kill leads the stream and the funding consumer. The stream's leadership is moved
    // there, not the consumer's: a consumer stepdown would itself stall the running consumer
    // (its pending pull is lost with the old leader; see moveConsumerLeader).
    const consumerLeader = async (name: string) =>
      (await jsm.consumers.info(topology.eventsStream, name)).cluster!.leader!;
    const leader = await consumerLeader(FUNDING_CHECK_CONSUMER);
    await moveStreamLeader(nc, topology, leader);
    const recordsLedByVictim = (await consumerLeader(RECORD_CONSUMER)) === leader;
    const victim = cluster.node(leader);
    const survivors = cluster.nodes.filter((n) => n !== victim);

    let killedAt = 0;
    let electedAt = 0;
    let outage: Promise<void> | undefined;
    const movedAt = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      if (i === 3) {
        killedAt = Date.now();
        await victim.kill();
        outage = (async () => {
          electedAt = (await waitForNewStreamLeader(survivors, topology, victim.name)).at;
          await new Promise((r) => setTimeout(r, Math.max(0, killedAt + 4_000 - Date.now())));
          await victim.start();
        })();
        outage.catch(() => undefined);
      }
      await moveTo(codes[i]!, 'flag_risk', 'at_risk', 'supplier delay');
      movedAt.set(codes[i]!, Date.now());
      await new Promise((r) => setTimeout(r, 300));
    }
    await outage;

    const records = consultationsDb.collection<{
      _id: string;
      taskCode: string;
      type: string;
      trigger: { eventId: string };
      openedAt: string;
    }>('consultation_records');
    await eventually(
      async () =>
        new Set((await checks.find({ to: 'at_risk' }).toArray()).map((c) => c.taskCode)).size >= count &&
        new Set((await records.find({ type: 'risk_review' }).toArray()).map((r) => r.taskCode)).size >= count,
      // About 6 s after the kill: the election, then a new pull (see RESUME_WITHIN_MS in
      // packages/messaging/test/nats-cluster.int.test.ts).
      20_000,
      `${count} funding checks and consultation records of the at-risk moves`,
    );
    await new Promise((r) => setTimeout(r, 1_500));

    const atRiskChecks = await checks.find({ to: 'at_risk' }).toArray();
    const riskRecords = await records.find({ type: 'risk_review' }).toArray();
    // When each effect was written: the check's `at` and the record's `openedAt`.
    const seen = {
      check: new Map(atRiskChecks.map((c) => [c.taskCode, new Date(c.at).getTime()])),
      record: new Map(riskRecords.map((r) => [r.taskCode, new Date(r.openedAt).getTime()])),
    };
    const doneAt = Math.max(...seen.check.values(), ...seen.record.values());
    for (const code of codes) {
      const own = atRiskChecks.filter((c) => c.taskCode === code);
      const rec = riskRecords.filter((r) => r.taskCode === code);
      expect(own, `funding checks of ${code} → at_risk`).toHaveLength(1);
      expect(rec, `risk_review records of ${code}`).toHaveLength(1);
      // Both effects name the one event that caused them.
      expect(rec[0]!.trigger.eventId).toBe(own[0]!._id);
      const allocation = await funding.db.collection('allocations').findOne({ _id: allocationIds.get(code) as never });
      expect((allocation?.tranches as Array<{ status: string }>).map((t) => t.status)).toEqual([
        'held',
        'held',
        'held',
      ]);
    }
    const task = await tasksDb.collection('tasks').findOne({ _id: codes[0] as never });
    expect(task?.status).toBe('at_risk');
    expect((await jsm.streams.info(topology.deadLetterStream)).state.messages).toBe(0);

    const afterKill = codes.filter((c) => movedAt.get(c)! > killedAt);
    const beforeKill = codes
      .filter((c) => movedAt.get(c)! <= killedAt)
      .map((c) => `${seen.check.get(c)! - movedAt.get(c)!} / ${seen.record.get(c)! - movedAt.get(c)!}`)
      .join(', ');
    const firstAfter = (m: Map<string, number>) => Math.min(...afterKill.map((c) => m.get(c) ?? Infinity)) - killedAt;
    console.log('\nNATS cluster failover, card flow (tasks → EVENTS R3 → funding checks + consultation records)');
    console.table({
      'tasks moved to at_risk (after the kill)': `${count} (${afterKill.length})`,
      'killed node (led)': `${victim.name} (stream, ${FUNDING_CHECK_CONSUMER}${recordsLedByVictim ? `, ${RECORD_CONSUMER}` : ''})`,
      'move → funding check / record, moves before the kill (ms)': beforeKill,
      'kill → new stream leader (ms)': electedAt - killedAt,
      'kill → first funding check of a move after the kill (ms)': firstAfter(seen.check),
      'kill → first consultation record of a move after the kill (ms)': firstAfter(seen.record),
      'kill → all effects (ms)': doneAt - killedAt,
      'funding checks / records per move': '1 / 1',
      'dead letters': 0,
    });
  });
});
