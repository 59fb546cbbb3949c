import { startLocalNats, type LocalServer } from '@aiplat/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectNats, OUTBOX_PENDING_FIELD, OutboxRelay, Topology } from '../src';
import { eventually, openHarness, streamMessageCount, testLogger, writeProbe, type Harness } from './harness';

describe('outbox relay', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(inject('natsUrl'), inject('mongoUrl'));
  });
  afterAll(async () => h.close());

  const relayFor = (harness: Harness) =>
    new OutboxRelay({
      js: harness.nc.jetstream(),
      topology: harness.topology,
      logger: testLogger,
      collections: [harness.probes],
      sweepIntervalMs: 200,
      sweepGraceMs: 0,
    });

  it('publishes, after a restart, an event whose process crashed between the write and the publish', async () => {
    // The "crash": the state change and its event are committed, nothing is published.
    const staged = await writeProbe(h, 'crash-1', 1);
    expect(await streamMessageCount(h)).toBe(0);
    expect((await h.probes.findOne({ _id: 'crash-1' as never }))?.[OUTBOX_PENDING_FIELD]).toBe(true);

    // The restarted service starts its relay; the start-up sweep finds the entry.
    const relay = relayFor(h);
    await relay.start();
    try {
      await eventually(async () => (await streamMessageCount(h)) === 1, 10_000, 'event in stream');
      const jsm = await h.nc.jetstreamManager();
      const stored = await jsm.streams.getMessage(h.topology.eventsStream, {
        last_by_subj: h.topology.physical('ev.probe.probe.happened'),
      });
      expect(stored.header.get('Nats-Msg-Id')).toBe(staged[0]!.id);
      expect(JSON.parse(stored.string()).id).toBe(staged[0]!.id);
      const doc = await eventually(
        async () => {
          const d = await h.probes.findOne({ _id: 'crash-1' as never });
          return d?.[OUTBOX_PENDING_FIELD] === false ? d : undefined;
        },
        10_000,
        'outbox cleared',
      );
      expect(Object.keys(doc.outbox ?? {})).toEqual([]);
    } finally {
      await relay.stop();
    }
  });

  it('stores an event once even when it is published twice (Nats-Msg-Id de-duplication)', async () => {
    const before = await streamMessageCount(h);
    const staged = await writeProbe(h, 'dup-1', 2);
    const a = relayFor(h);
    const b = relayFor(h);
    // Two relays (two copies of a service) publish the same entry.
    await Promise.all([a.dispatch(h.probes, 'dup-1', staged), b.dispatch(h.probes, 'dup-1', staged)]);
    expect(await streamMessageCount(h)).toBe(before + 1);
    expect((await h.probes.findOne({ _id: 'dup-1' as never }))?.outbox).toEqual({});
  });
});

describe('outbox relay across a NATS restart', () => {
  let nats: LocalServer;
  let h: Harness;
  beforeAll(async () => {
    // A NATS server of this suite's own, so it can be stopped without disturbing other suites.
    nats = await startLocalNats();
    h = await openHarness(nats.url, inject('mongoUrl'));
  });
  afterAll(async () => {
    await h.close();
    await nats.stop();
  });

  it('loses nothing written while NATS was down', async () => {
    const relay = new OutboxRelay({
      js: h.nc.jetstream(),
      topology: h.topology,
      logger: testLogger,
      collections: [h.probes],
      sweepIntervalMs: 200,
      maxBackoffMs: 1_000,
      sweepGraceMs: 500,
      publishTimeoutMs: 1_000,
    });
    await relay.start();
    const total = 120;
    const written: string[] = [];
    let restarted: Promise<void> | undefined;
    for (let i = 0; i < total; i++) {
      const staged = await writeProbe(h, `agg-${i % 10}`, i);
      written.push(staged[0]!.id);
      void relay.dispatch(h.probes, `agg-${i % 10}`, staged);
      if (i === 40)
        restarted = (async () => {
          await nats.stop();
          await new Promise((r) => setTimeout(r, 1_500));
          await nats.start();
        })();
      await new Promise((r) => setTimeout(r, 15));
    }
    await restarted;

    // Everything arrives once NATS is back: read the stream and compare ids.
    const seen = await eventually(
      async () => {
        const nc = await connectNats({ url: nats.url, name: 'reader' });
        try {
          const jsm = await nc.jetstreamManager();
          const info = await jsm.streams.info(h.topology.eventsStream);
          if (info.state.messages < total) return undefined;
          const ids = new Set<string>();
          for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
            const m = await jsm.streams.getMessage(h.topology.eventsStream, { seq });
            ids.add(JSON.parse(m.string()).id as string);
          }
          return ids;
        } finally {
          await nc.close();
        }
      },
      45_000,
      'all events in the stream',
    );
    expect(seen.size).toBe(total);
    expect(written.every((id) => seen.has(id))).toBe(true);
    await eventually(
      async () => (await h.probes.countDocuments({ [OUTBOX_PENDING_FIELD]: true })) === 0,
      20_000,
      'outboxes cleared',
    );
    await relay.stop();
    expect(new Topology({ prefix: h.token }).eventsStream).toBe(h.topology.eventsStream);
  });
});
