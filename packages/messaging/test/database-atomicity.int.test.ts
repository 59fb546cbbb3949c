import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openHarness, type Harness } from './harness';

/**
 * What the backbone relies on from the MongoDB-wire server, checked against the
 * server the tests run on (FerretDB here, MongoDB elsewhere): a single-document
 * update is atomic with respect to concurrent updates of that document.
 */
describe('single-document atomicity of the database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(inject('natsUrl'), inject('mongoUrl'));
  });
  afterAll(async () => h.close());

  it('loses no concurrent $inc of one document', async () => {
    const col = h.db.collection<{ _id: string; n: number }>('counters');
    await col.insertOne({ _id: 'c', n: 0 });
    await Promise.all(Array.from({ length: 200 }, () => col.updateOne({ _id: 'c' }, { $inc: { n: 1 } })));
    expect((await col.findOne({ _id: 'c' }))?.n).toBe(200);
  });

  it('lets exactly one of many concurrent guarded updates through (compare-and-set)', async () => {
    const col = h.db.collection<{ _id: string; version: number; winner?: number }>('guarded');
    await col.insertOne({ _id: 'g', version: 7 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        col.updateOne({ _id: 'g', version: 7 }, { $set: { winner: i }, $inc: { version: 1 } }),
      ),
    );
    expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
    expect((await col.findOne({ _id: 'g' }))?.version).toBe(8);
  });

  it('never reserves more than is available under concurrent findOneAndUpdate', async () => {
    const col = h.db.collection<{ _id: string; available: number }>('budgets');
    await col.insertOne({ _id: 'b', available: 100 });
    const granted = await Promise.all(
      Array.from({ length: 40 }, () =>
        col.findOneAndUpdate({ _id: 'b', available: { $gte: 7 } }, { $inc: { available: -7 } }),
      ),
    );
    const count = granted.filter((g) => g !== null).length;
    expect(count).toBe(14);
    expect((await col.findOne({ _id: 'b' }))?.available).toBe(2);
  });

  it('keeps an outbox entry staged while another one is being cleared', async () => {
    const col = h.db.collection<{ _id: string; outbox: Record<string, number> }>('outboxes');
    await col.insertOne({ _id: 'o', outbox: {} });
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await col.updateOne({ _id: 'o' }, { $set: { [`outbox.e${i}`]: i } });
        if (i % 2 === 0) await col.updateOne({ _id: 'o' }, { $unset: { [`outbox.e${i}`]: '' } });
      }),
    );
    const left = Object.keys((await col.findOne({ _id: 'o' }))?.outbox ?? {}).sort();
    expect(left).toEqual(Array.from({ length: 30 }, (_, k) => `e${2 * k + 1}`).sort());
  });

  it('reads a document by its _id index also when the filter adds a guard ({ _id, version })', async () => {
    const col = h.db.collection<{ _id: string; version: number }>('plans');
    await col.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `p${i}`, version: i })));
    // FerretDB names the SQLite index in its plan; MongoDB answers an _id lookup with IDHACK or an _id_ index scan.
    const usesIdIndex = async (filter: Record<string, unknown>) => {
      const plan = JSON.stringify(
        await h.db.command({ explain: { find: 'plans', filter }, verbosity: 'queryPlanner' }),
      );
      return /USING INDEX \S+__id_|IDHACK|EXPRESS_IXSCAN|"indexName":"_id_"/.test(plan);
    };
    expect(await usesIdIndex({ _id: 'p7' })).toBe(true);
    expect(await usesIdIndex({ _id: 'p7', version: 7 })).toBe(true);
    expect(await usesIdIndex({ version: 7 })).toBe(false);
    expect(await col.findOne({ _id: 'p7', version: 7 })).toEqual({ _id: 'p7', version: 7 });
    expect(await col.findOne({ _id: 'p7', version: 8 })).toBeNull();
  });
});
