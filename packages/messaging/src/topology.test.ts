import { describe, expect, it } from 'vitest';
import { streamReplicasFromEnv, Topology } from './topology';

describe('stream replicas', () => {
  it('come from NATS_STREAM_REPLICAS, and default to one replica when it is unset', () => {
    expect(streamReplicasFromEnv({})).toBeUndefined();
    expect(streamReplicasFromEnv({ NATS_STREAM_REPLICAS: ' ' })).toBeUndefined();
    expect(streamReplicasFromEnv({ NATS_STREAM_REPLICAS: '3' })).toBe(3);
    for (const bad of ['0', '6', '2.5', 'three']) {
      expect(() => streamReplicasFromEnv({ NATS_STREAM_REPLICAS: bad })).toThrow(/NATS_STREAM_REPLICAS/);
    }
    expect(new Topology().streamConfigs().map((c) => c.num_replicas)).toEqual([1, 1]);
    expect(new Topology({ replicas: 3 }).streamConfigs().map((c) => c.num_replicas)).toEqual([3, 3]);
  });
});
