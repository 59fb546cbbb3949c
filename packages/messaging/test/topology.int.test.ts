import { uniqueToken } from '@aiplat/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NatsConnection } from 'nats';
import { connectNats, Topology } from '../src';

describe('stream declaration', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connectNats({ url: inject('natsUrl'), name: 'topology-test' });
  });
  afterAll(async () => nc.drain());

  it('creates the streams once and updates them to a changed configuration on the next start', async () => {
    const prefix = uniqueToken();
    const jsm = await nc.jetstreamManager();
    await new Topology({ prefix, eventRetentionDays: 90 }).ensureStreams(jsm);
    // A second start with the same configuration changes nothing and does not fail.
    await new Topology({ prefix, eventRetentionDays: 90 }).ensureStreams(jsm);
    const day = 24 * 60 * 60 * 1e9;
    expect((await jsm.streams.info(`${prefix}_EVENTS`)).config.max_age).toBe(90 * day);

    // A new release keeps events longer: the running stream is updated, not recreated.
    await nc.jetstream().publish(`${prefix}.ev.probe.probe.happened`, '{}');
    await new Topology({ prefix, eventRetentionDays: 180 }).ensureStreams(jsm);
    const info = await jsm.streams.info(`${prefix}_EVENTS`);
    expect(info.config.max_age).toBe(180 * day);
    expect(info.state.messages).toBe(1);
    expect(info.config.duplicate_window).toBe(2 * 60 * 1e9);

    const streams = await jsm.streams.names().next();
    expect(streams.filter((n) => n.startsWith(prefix)).sort()).toEqual([`${prefix}_DEADLETTER`, `${prefix}_EVENTS`]);
    for (const n of [`${prefix}_EVENTS`, `${prefix}_DEADLETTER`]) await jsm.streams.delete(n);
  });
});
