import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DomainError } from '@aiplat/contracts';
import { startLocalFerretDb, type LocalServer } from '@aiplat/testing';
import { DeadLetters, OutboxRelay, PermanentError, type EventConsumer } from '../src';
import { eventually, openHarness, probeConsumer, probeEvent, testLogger, writeProbe, type Harness } from './harness';
import { probeEvents, type ProbeEvents } from './probe-events';

const SUBJECT = probeEvents['probe.happened'].subject;

describe('event consumer', () => {
  // Each test gets its own streams and database: a durable consumer sees every earlier event of its stream.
  let h: Harness;
  let relay: OutboxRelay;
  const consumers: Array<EventConsumer<ProbeEvents, 'probe.happened'>> = [];

  beforeEach(async () => {
    h = await openHarness(inject('natsUrl'), inject('mongoUrl'));
    relay = new OutboxRelay({
      js: h.nc.jetstream(),
      topology: h.topology,
      logger: testLogger,
      collections: [h.probes],
      sweepGraceMs: 0,
    });
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.stop();
    await h.close();
  });

  async function publishRaw(data: string, msgID: string) {
    await h.nc.jetstream().publish(h.topology.physical(SUBJECT), data, { msgID });
  }

  async function deadLetters() {
    return new DeadLetters(h.nc.jetstream(), await h.nc.jetstreamManager(), h.topology);
  }

  /** Waits until `consumer` has exactly `count` dead letters and returns them. */
  async function parkedFor(consumer: string, count: number) {
    const dlq = await deadLetters();
    return eventually(
      async () => {
        const letters = await dlq.list({ consumer });
        return letters.length === count ? letters : undefined;
      },
      15_000,
      `${count} dead letter(s) of ${consumer}`,
    );
  }

  it('applies an event once when it is published twice and redelivered after an ack timeout', async () => {
    const applied: string[] = [];
    let calls = 0;
    const consumer = probeConsumer(
      h,
      'dup-consumer',
      async (event) => {
        calls++;
        // The first attempt outlives the ack wait, so the server redelivers it while it runs.
        if (calls === 1) await new Promise((r) => setTimeout(r, 1_600));
        applied.push(event.id);
      },
      { ackWaitMs: 500, concurrency: 4 },
    );
    consumers.push(consumer);
    await consumer.start();

    const event = probeEvent('dup-agg', 1);
    const json = JSON.stringify(event);
    // Republished after the server's de-duplication window (a new message id, the same event).
    await publishRaw(json, `${event.id}-a`);
    await publishRaw(json, `${event.id}-b`);

    await eventually(async () => applied.length >= 1, 10_000, 'first application');
    // Give the redelivery and the second copy every chance to be applied again.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(applied).toEqual([event.id]);
    const records = await h.db.collection('processed_events').find({ consumer: 'dup-consumer' }).toArray();
    expect(records.map((r) => r.eventId)).toEqual([event.id]);
  });

  it('parks a payload that fails its schema without retrying it, and keeps going', async () => {
    const handled: number[] = [];
    const consumer = probeConsumer(h, 'schema-consumer', async (event) => void handled.push(event.data.n), {
      maxAttempts: 5,
    });
    consumers.push(consumer);
    const bad = probeEvent('schema-agg', 1);
    await publishRaw('{ not json', 'bad-json');
    await publishRaw(JSON.stringify({ ...bad, data: { n: 'one' } }), 'bad-data');
    await publishRaw(JSON.stringify({ ...probeEvent('schema-agg', 2), version: 9 }), 'bad-version');
    await consumer.start();
    const good = probeEvent('schema-agg', 3);
    await publishRaw(JSON.stringify(good), good.id);

    await eventually(async () => handled.includes(3), 10_000, 'the valid event');
    const letters = await parkedFor('schema-consumer', 3);
    expect(letters.map((l) => l.reason)).toEqual([
      expect.stringContaining('payload is not valid JSON'),
      expect.stringMatching(/data of probe.happened is invalid.*n:/),
      expect.stringContaining('v9 is not supported'),
    ]);
    expect(letters.every((l) => l.attempts === 1 && l.originalSubject === SUBJECT)).toBe(true);
    expect(handled).toEqual([3]);
  });

  it('parks an event whose handler keeps failing, keeps processing others, and applies it once when replayed', async () => {
    let broken = true;
    const applied = new Map<number, number>();
    const consumer = probeConsumer(
      h,
      'dlq-consumer',
      async (event) => {
        if (event.data.n === 13 && broken) throw new Error('ledger for n=13 is locked');
        applied.set(event.data.n, (applied.get(event.data.n) ?? 0) + 1);
      },
      { maxAttempts: 3, backoffMs: [100, 200] },
    );
    consumers.push(consumer);
    await consumer.start();
    for (let n = 10; n < 20; n++) {
      const staged = await writeProbe(h, `dlq-agg-${n}`, n);
      await relay.dispatch(h.probes, `dlq-agg-${n}`, staged);
    }
    const [letter] = await parkedFor('dlq-consumer', 1);
    const dlq = await deadLetters();
    expect(letter!.reason).toContain('ledger for n=13 is locked');
    expect(letter!.attempts).toBe(3);
    expect(letter!.eventType).toBe('probe.happened');
    expect([...applied.keys()].sort()).toEqual([10, 11, 12, 14, 15, 16, 17, 18, 19]);

    // The operator fixes the cause and replays the dead letter.
    broken = false;
    await dlq.replay(letter!.seq);
    await eventually(async () => applied.get(13) === 1, 10_000, 'the replayed event applied');
    expect(await dlq.list({ consumer: 'dlq-consumer' })).toEqual([]);
    // Replaying again (e.g. a double click) cannot apply it twice: the letter is gone.
    await expect(dlq.replay(letter!.seq)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect([...applied.values()].every((count) => count === 1)).toBe(true);
  });

  it('waits out a service that does not answer instead of counting it toward parking', async () => {
    let calls = 0;
    const deliveries: number[] = [];
    const consumer = probeConsumer(
      h,
      'peer-down-consumer',
      async (_event, ctx) => {
        calls++;
        // The service it asks answers only on the fourth try, past the two attempts allowed.
        if (calls < 4)
          throw new DomainError('unavailable', 'committee did not answer rpc.committee.review.get in time');
        deliveries.push(ctx.deliveryCount);
      },
      { maxAttempts: 2, backoffMs: [50] },
    );
    consumers.push(consumer);
    await consumer.start();
    const e = probeEvent('peer-agg', 1);
    await publishRaw(JSON.stringify(e), e.id);
    await eventually(async () => deliveries.length === 1, 20_000, 'the event applied');
    expect(deliveries).toEqual([1]);
    expect(await (await deadLetters()).list({ consumer: 'peer-down-consumer' })).toEqual([]);
  });

  it('parks at once when the handler says the event can never succeed', async () => {
    let calls = 0;
    const consumer = probeConsumer(h, 'permanent-consumer', async () => {
      calls++;
      throw new PermanentError('task 2020-9.9 does not exist');
    });
    consumers.push(consumer);
    await consumer.start();
    const e = probeEvent('perm-agg', 1);
    await publishRaw(JSON.stringify(e), e.id);
    const [letter] = await parkedFor('permanent-consumer', 1);
    expect(letter!.reason).toContain('does not exist');
    expect(calls).toBe(1);
  });
});

describe('a consumer killed mid-batch', () => {
  let h: Harness;
  const worker = join(__dirname, 'fixtures/consumer-worker.cjs');
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '../dist/index.js'))) throw new Error('build the packages first: pnpm build');
    h = await openHarness(inject('natsUrl'), inject('mongoUrl'));
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await h.close();
  });

  function startWorker(): Promise<ChildProcess> {
    const child = fork(worker, [inject('natsUrl'), inject('mongoUrl'), h.token, h.token, 'killed-consumer', '15'], {
      stdio: 'inherit',
    });
    children.push(child);
    return new Promise((res, rej) => {
      child.once('message', () => res(child));
      child.once('exit', (code) => rej(new Error(`worker exited with ${code}`)));
    });
  }

  it('applies every event exactly once after a restart', async () => {
    const total = 200;
    const aggregates = 10;
    const relay = new OutboxRelay({
      js: h.nc.jetstream(),
      topology: h.topology,
      logger: testLogger,
      collections: [h.probes],
      sweepGraceMs: 0,
    });
    for (let i = 0; i < total; i++) {
      const id = `kill-agg-${i % aggregates}`;
      await relay.dispatch(h.probes, id, await writeProbe(h, id, i));
    }
    const first = await startWorker();
    // Kill it hard once it is part-way through.
    await eventually(
      async () => (await h.db.collection('invocations').countDocuments()) >= total / 3,
      30_000,
      'progress',
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const appliedAtKill = await h.db.collection('processed_events').countDocuments();
    expect(appliedAtKill).toBeLessThan(total);

    await startWorker();
    await eventually(
      async () => (await h.db.collection('processed_events').countDocuments()) === total,
      60_000,
      'all events applied',
    );
    const effects = await h.db.collection('effects').find().toArray();
    const appliedPerAggregate = effects.map((e) => e.applied as number);
    expect(effects).toHaveLength(aggregates);
    expect(appliedPerAggregate.reduce((a, b) => a + b, 0)).toBe(total);
    expect(effects.every((e) => new Set(e.seen as string[]).size === (e.seen as string[]).length)).toBe(true);
    const invocations = await h.db.collection('invocations').countDocuments();
    expect(invocations).toBeGreaterThanOrEqual(total);
  });
});

describe('a consumer whose database goes away', () => {
  // The suite's own FerretDB, so that killing it disturbs no other suite.
  let db: LocalServer;
  let h: Harness;
  const consumers: Array<EventConsumer<ProbeEvents, 'probe.happened'>> = [];

  beforeAll(async () => {
    db = await startLocalFerretDb();
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(async () => {
    // Operations fail fast while the server is gone, as they do in a service during a long outage.
    h = await openHarness(inject('natsUrl'), `${db.url}?serverSelectionTimeoutMS=300`);
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.stop();
    await h.close();
  });

  /** A consumer whose effect is a state-guarded write in the database that goes away. */
  function startEffectConsumer(name: string, options: { ackWaitMs: number; maxAttempts: number }) {
    const deliveries = new Map<number, number>();
    const consumer = probeConsumer(
      h,
      name,
      async (event, ctx) => {
        await h.db
          .collection<{ _id: string; seen: string[]; applied: number }>('effects')
          .updateOne(
            { _id: `n${event.data.n}`, seen: { $ne: event.id } },
            { $push: { seen: event.id }, $inc: { applied: 1 } },
            { upsert: true },
          )
          .catch((err: unknown) => {
            if ((err as { code?: number }).code !== 11000) throw err;
          });
        deliveries.set(event.data.n, ctx.deliveryCount);
      },
      { ...options, backoffMs: [100, 200], concurrency: 4 },
    );
    consumers.push(consumer);
    return { consumer, deliveries };
  }

  async function publish(from: number, to: number) {
    for (let n = from; n < to; n++) {
      const e = probeEvent(`outage-agg-${n % 3}`, n);
      await h.nc.jetstream().publish(h.topology.physical(SUBJECT), JSON.stringify(e), { msgID: e.id });
    }
  }

  async function appliedOnce(total: number) {
    return eventually(
      async () => {
        const effects = await h.db.collection('effects').find().toArray();
        return effects.length === total && effects.every((e) => e.applied === 1) ? effects : undefined;
      },
      60_000,
      `${total} effects applied once each`,
    );
  }

  async function deadLetterCount() {
    const dlq = new DeadLetters(h.nc.jetstream(), await h.nc.jetstreamManager(), h.topology);
    return (await dlq.list()).length;
  }

  it('loses nothing when the database is down for longer than ack wait × deliveries', async () => {
    const ackWaitMs = 1_000;
    const maxAttempts = 3;
    const { consumer } = startEffectConsumer('outage-long', { ackWaitMs, maxAttempts });
    await consumer.start();
    await publish(0, 4);
    await appliedOnce(4);

    await db.kill();
    await publish(4, 12);
    // Far beyond what the server would spend on deliveries: (maxAttempts + 1) × ack wait.
    await eventually(async () => !consumer.readiness().ok, 10_000, 'the consumer to report itself paused');
    await new Promise((r) => setTimeout(r, (maxAttempts + 2) * ackWaitMs * 2));
    expect(consumer.readiness()).toMatchObject({ ok: false, detail: expect.stringContaining('paused') });

    await db.start();
    await appliedOnce(12);
    expect(await deadLetterCount()).toBe(0);
    await eventually(async () => consumer.readiness().ok, 10_000, 'the consumer to be ready again');
    // Every event acknowledged: none left pending or awaiting an ack (acks reach the server a moment after the effect).
    const jsm = await h.nc.jetstreamManager();
    await eventually(
      async () => {
        const info = await jsm.consumers.info(h.topology.eventsStream, 'outage-long');
        return info.num_pending + info.num_ack_pending === 0;
      },
      10_000,
      'every event acknowledged',
    );
  });

  it('spends no attempts on a short outage: nothing parked, every event applied on its first delivery', async () => {
    const { consumer, deliveries } = startEffectConsumer('outage-short', { ackWaitMs: 2_000, maxAttempts: 2 });
    await consumer.start();
    await db.kill();
    await publish(0, 6);
    // Longer than the whole retry budget (two attempts 100 ms apart) of a failing handler.
    await new Promise((r) => setTimeout(r, 3_000));
    await db.start();
    await appliedOnce(6);
    expect(await deadLetterCount()).toBe(0);
    expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
  });
});
