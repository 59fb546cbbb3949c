import { describe, expect, it } from 'vitest';
import { Topology } from './topology';

describe('stream replicas', () => {
  it('are one unless the topology says otherwise (NATS_STREAM_REPLICAS in every service)', () => {
    expect(new Topology().streamConfigs().map((c) => c.num_replicas)).toEqual([1, 1]);
    expect(new Topology({ replicas: 3 }).streamConfigs().map((c) => c.num_replicas)).toEqual([3, 3]);
  });
});
