// Backbone benchmark: prints figures, asserts nothing. Run `pnpm build` first, then `pnpm bench:backbone`.
// Uses NATS_URL / MONGO_URL when set, otherwise starts local nats-server and FerretDB (infra/local/infra.sh).
// Knobs: BENCH_RAW_N (10000), BENCH_DB_N (5000), BENCH_BACKBONE_N (5000), BENCH_RATES (500,250 events/s), BENCH_SECONDS (10).
const { MongoClient } = require('mongodb');
const { AckPolicy } = require('nats');
const { defineEvent, defineEventRegistry } = require('@aiplat/contracts');
const { createLogger } = require('@aiplat/observability');
const { startLocalFerretDb, startLocalNats, uniqueToken, databaseUrl } = require('@aiplat/testing');
const { z } = require('zod');
const m = require('../dist');

const N_RAW = Number(process.env.BENCH_RAW_N ?? 10_000);
const N_DB = Number(process.env.BENCH_DB_N ?? 5_000);
const N_BACKBONE = Number(process.env.BENCH_BACKBONE_N ?? 5_000);
const RATES = (process.env.BENCH_RATES ?? '500,250').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const logger = createLogger({ service: 'bench', level: 'error' });
const registry = defineEventRegistry(
  defineEvent({
    type: 'bench.happened',
    version: 1,
    source: 'bench',
    description: 'benchmark event',
    data: z.object({ n: z.number().int() }).strict(),
  }),
);
const SUBJECT = registry['bench.happened'].subject;

const progress = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function pool(n, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

async function rawJetStream(nc, topology) {
  const js = nc.jetstream();
  const jsm = await nc.jetstreamManager();
  const name = 'bench-raw';
  await jsm.consumers.add(topology.eventsStream, {
    durable_name: name,
    ack_policy: AckPolicy.None,
    filter_subject: topology.physical('ev.bench.raw.x'),
  });
  const consumer = await js.consumers.get(topology.eventsStream, name);
  const payload = JSON.stringify({ n: 0, pad: 'x'.repeat(400) });
  const t0 = performance.now();
  let received = 0;
  const done = (async () => {
    const it = await consumer.consume({ max_messages: 1000 });
    for await (const _ of it) if (++received === N_RAW) break;
  })();
  await pool(N_RAW, 256, async () => js.publish(topology.physical('ev.bench.raw.x'), payload));
  await done;
  return N_RAW / ((performance.now() - t0) / 1000);
}

async function rawDbWrites(db) {
  const col = db.collection('raw_writes');
  const t0 = performance.now();
  await pool(N_DB, 16, async (i) => col.insertOne({ _id: `w${i}`, n: i, at: new Date() }));
  const insertRate = N_DB / ((performance.now() - t0) / 1000);
  const t1 = performance.now();
  await pool(N_DB, 16, async (i) => col.updateOne({ _id: `w${i}` }, { $inc: { n: 1 } }));
  return { insertRate, updateRate: N_DB / ((performance.now() - t1) / 1000) };
}

/** Outbox write → relay → JetStream → idempotent consumer applying a write. */
async function backbone(nc, db, token, consumerName) {
  // Each phase gets streams of its own, so its consumer does not first wade through earlier phases' events.
  const topology = new m.Topology({ prefix: `${token}_${consumerName.replace(/-/g, '_')}` });
  await topology.ensureStreams(await nc.jetstreamManager());
  const aggregates = db.collection(`aggregates_${consumerName}`);
  const effects = db.collection(`effects_${consumerName}`);
  const relay = new m.OutboxRelay({
    js: nc.jetstream(),
    topology,
    logger,
    collections: [aggregates],
    ...(process.env.BENCH_SWEEP_MS ? { sweepIntervalMs: Number(process.env.BENCH_SWEEP_MS) } : {}),
  });
  await relay.start();
  const latencies = [];
  let applied = 0;
  let onApplied = () => {};
  const consumer = new m.EventConsumer({
    nc,
    topology,
    registry,
    logger,
    name: consumerName,
    types: ['bench.happened'],
    concurrency: 32,
    processed: new m.ProcessedEvents(db),
    async handler(event) {
      await effects.updateOne({ _id: event.aggregateId }, { $inc: { applied: 1 } }, { upsert: true });
      latencies.push(Date.now() - Date.parse(event.time));
      applied++;
      onApplied();
    },
  });
  await consumer.start();
  const write = async (i) => {
    const envelope = m.createEvent(registry, 'bench.happened', {
      aggregateId: `agg-${i}`,
      data: { n: i },
      correlationId: `bench-${i}`,
      causationId: `bench-${i}`,
      actor: { kind: 'system', id: 'bench' },
    });
    const staged = m.toOutboxEntries([{ envelope, subject: SUBJECT }]);
    await aggregates.insertOne({ _id: `agg-${i}`, n: i, ...m.outboxFieldsForInsert(staged) });
    void relay.dispatch(aggregates, `agg-${i}`, staged);
  };
  const waitFor = (n) =>
    new Promise((res) => {
      if (applied >= n) return res();
      onApplied = () => applied >= n && res();
    });
  return {
    write,
    waitFor,
    latencies,
    applied: () => applied,
    stop: async () => {
      await consumer.stop();
      await relay.stop();
    },
  };
}

async function main() {
  const started = [];
  let natsUrl = process.env.NATS_URL;
  let mongoUrl = process.env.MONGO_URL;
  if (!natsUrl) {
    progress('starting a local nats-server');
    const s = await startLocalNats();
    started.push(s);
    natsUrl = s.url;
  }
  if (!mongoUrl) {
    progress('starting a local FerretDB');
    const s = await startLocalFerretDb();
    started.push(s);
    mongoUrl = s.url;
  }
  const token = uniqueToken('bench');
  const topology = new m.Topology({ prefix: token });
  const nc = await m.connectNats({ url: natsUrl, name: 'bench' });
  await topology.ensureStreams(await nc.jetstreamManager());
  const mongo = await MongoClient.connect(databaseUrl(mongoUrl, token));
  const db = mongo.db(token);
  const server = await db.admin().command({ buildInfo: 1 });
  const results = [];
  try {
    progress(`raw JetStream: ${N_RAW} messages`);
    const js = await rawJetStream(nc, topology);
    results.push(['raw JetStream publish+consume', `${js.toFixed(0)} msg/s`, `${N_RAW} msgs, 256 publishes in flight`]);

    progress(`raw MongoDB-wire writes: ${N_DB} inserts and updates`);
    const dbr = await rawDbWrites(db);
    results.push(['raw single-document insert', `${dbr.insertRate.toFixed(0)} writes/s`, '16 in flight']);
    results.push(['raw single-document update', `${dbr.updateRate.toFixed(0)} writes/s`, '16 in flight']);

    progress(`backbone sustained: ${N_BACKBONE} events as fast as possible`);
    const sustained = await backbone(nc, db, token, 'bench-sustained');
    const t0 = performance.now();
    await pool(N_BACKBONE, 32, sustained.write);
    await sustained.waitFor(N_BACKBONE);
    const rate = N_BACKBONE / ((performance.now() - t0) / 1000);
    await sustained.stop();
    results.push([
      'backbone (outbox → relay → JetStream → idempotent consumer write)',
      `${rate.toFixed(0)} events/s`,
      `${N_BACKBONE} events, 32 writers`,
    ]);

    for (const rate of RATES) {
      progress(`backbone latency: ${rate} events/s for ${SECONDS} s`);
      const fixed = await backbone(nc, db, token, `bench-latency-${rate}`);
      const total = rate * SECONDS;
      const tStart = performance.now();
      const writes = [];
      for (let i = 0; i < total; i++) {
        const wait = tStart + (i * 1000) / rate - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        writes.push(fixed.write(i));
      }
      await Promise.all(writes);
      await fixed.waitFor(total);
      const sorted = [...fixed.latencies].sort((a, b) => a - b);
      await fixed.stop();
      results.push([
        `backbone commit → applied at ${rate}/s offered`,
        `p50 ${pct(sorted, 50)} ms · p99 ${pct(sorted, 99)} ms · max ${sorted[sorted.length - 1]} ms`,
        `${total} events`,
      ]);
    }
  } finally {
    await nc.drain();
    await db.dropDatabase().catch(() => {});
    await mongo.close();
    for (const s of started) await s.stop();
  }
  console.log(
    `\nbackbone benchmark · ${new Date().toISOString()} · node ${process.version} · ${require('node:os').cpus().length} cores · MongoDB-wire server reports ${server.version}${mongoUrl.includes('27017') ? '' : ' (local FerretDB/SQLite)'}\n`,
  );
  const w = Math.max(...results.map((r) => r[0].length));
  for (const [what, figure, note] of results) console.log(`${what.padEnd(w)}  ${figure.padEnd(44)}  ${note}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
