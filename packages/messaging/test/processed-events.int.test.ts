import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ProcessedEvents } from '../src';
import { openHarness, type Harness } from './harness';

describe('processed-event records', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(inject('natsUrl'), inject('mongoUrl'));
  });
  afterAll(async () => h.close());

  it('stores one record per (consumer, event) even when two copies record it at once', async () => {
    const processed = new ProcessedEvents(h.db, { maxBatch: 10, maxDelayMs: 20 });
    const e = { id: 'e-1', type: 'probe.happened' };
    // Same batch (a duplicate inside one insertMany) and a later batch (a duplicate of a stored record).
    await Promise.all([processed.markApplied('c1', e, 1), processed.markApplied('c1', e, 2)]);
    await processed.markApplied('c1', e, 3);
    expect(await processed.isApplied('c1', 'e-1')).toBe(true);
    expect(await processed.isApplied('c2', 'e-1')).toBe(false);
    expect(await h.db.collection('processed_events').countDocuments({ eventId: 'e-1' })).toBe(1);
  });

  it('writes a burst of records in batches and resolves each once stored', async () => {
    const processed = new ProcessedEvents(h.db, { maxBatch: 16, maxDelayMs: 5 });
    const ids = Array.from({ length: 100 }, (_, i) => `burst-${i}`);
    await Promise.all(ids.map((id) => processed.markApplied('c3', { id, type: 'probe.happened' }, 1)));
    expect(await h.db.collection('processed_events').countDocuments({ consumer: 'c3' })).toBe(100);
  });
});
