import type { Logger } from '@aiplat/observability';
import type { Collection, Document } from 'mongodb';
import type { JetStreamClient } from 'nats';
import { OUTBOX_FIELD, OUTBOX_PENDING_FIELD, type OutboxEntry, type StagedEvent } from './outbox';
import type { Topology } from './topology';
import { toNatsHeaders } from './trace-headers';

export interface OutboxRelayOptions {
  js: JetStreamClient;
  topology: Topology;
  logger: Logger;
  /** Collections whose documents carry an outbox. */
  collections: ReadonlyArray<Collection<Document>>;
  /** Sweep period right after a sweep or a dispatch found work (ms). */
  sweepIntervalMs?: number;
  /**
   * Longest sweep period while there is nothing to do (ms). Idle sweeps back off
   * to this because on FerretDB a sweep reads the whole collection; a failed
   * dispatch brings the next sweep forward again.
   */
  idleSweepIntervalMs?: number;
  /** Longest wait between sweeps while NATS keeps failing (ms). */
  maxBackoffMs?: number;
  /** Entries younger than this are left to the immediate path (ms). */
  sweepGraceMs?: number;
  /** Per-publish acknowledgement timeout (ms). */
  publishTimeoutMs?: number;
  /** Documents read per sweep query. */
  sweepBatch?: number;
}

interface DocEntries {
  collection: Collection<Document>;
  docId: unknown;
  entries: StagedEvent[];
}

/**
 * Publishes outbox entries to JetStream with `Nats-Msg-Id` = event id, waits for
 * the stream's acknowledgement, and only then clears the entry.
 *
 * Two paths feed it: `dispatch()` right after a commit (low latency), and a sweep
 * at start and on a timer that finds every document with pending entries, so an
 * event whose process crashed between commit and publish is still published.
 * Publishing the same entry twice (two relays, a crash before the clear) is
 * harmless: the server drops duplicates within its window and consumers are idempotent.
 */
export class OutboxRelay {
  private readonly sweepIntervalMs: number;
  private readonly idleSweepIntervalMs: number;
  private currentIntervalMs: number;
  private nextSweepAt = 0;
  private readonly maxBackoffMs: number;
  private readonly graceMs: number;
  private readonly publishTimeoutMs: number;
  private readonly sweepBatch: number;
  /** Per-document chains keep one document's events in order within this process. */
  private readonly chains = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private failures = 0;
  private sweeping: Promise<void> | undefined;
  private published = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.sweepIntervalMs = options.sweepIntervalMs ?? 1_000;
    this.idleSweepIntervalMs = Math.max(this.sweepIntervalMs, options.idleSweepIntervalMs ?? 10_000);
    this.currentIntervalMs = this.sweepIntervalMs;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.graceMs = options.sweepGraceMs ?? 2_000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
    this.sweepBatch = options.sweepBatch ?? 200;
  }

  /** Ensures the index the sweep needs and starts sweeping (first sweep at once). */
  async start(): Promise<void> {
    for (const c of this.options.collections) {
      await c.createIndex({ [OUTBOX_PENDING_FIELD]: 1 }, { name: 'outbox_pending' });
    }
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sweeping;
    await Promise.allSettled([...this.chains.values()]);
  }

  get publishedCount(): number {
    return this.published;
  }

  /**
   * Publishes events just committed in `docId`. Never throws: whatever fails
   * stays in the outbox for the sweep.
   */
  dispatch(collection: Collection<Document>, docId: unknown, staged: readonly StagedEvent[]): Promise<void> {
    return this.enqueue({ collection, docId, entries: [...staged] });
  }

  /** One full pass over every pending entry older than the grace period. Returns entries published. */
  async sweepOnce(graceMs = this.graceMs): Promise<number> {
    let count = 0;
    const cutoff = Date.now() - graceMs;
    for (const collection of this.options.collections) {
      let lastId: unknown = undefined;
      for (;;) {
        const filter: Document = { [OUTBOX_PENDING_FIELD]: true };
        if (lastId !== undefined) filter._id = { $gt: lastId };
        const docs = await collection
          .find(filter, { projection: { [OUTBOX_FIELD]: 1 } })
          .sort({ _id: 1 })
          .limit(this.sweepBatch)
          .toArray();
        const work: Array<Promise<void>> = [];
        const drained: unknown[] = [];
        for (const doc of docs) {
          const all = Object.entries((doc[OUTBOX_FIELD] ?? {}) as Record<string, OutboxEntry>);
          const due = all
            .filter(([, e]) => new Date(e.stagedAt).getTime() <= cutoff)
            .map(([id, entry]) => ({ id, entry }));
          if (due.length === all.length) drained.push(doc._id);
          if (due.length === 0) continue;
          count += due.length;
          work.push(this.enqueue({ collection, docId: doc._id, entries: due }, true));
        }
        await Promise.all(work);
        // Lower the flag only where nothing was staged meanwhile: the empty-map guard makes that atomic.
        if (drained.length > 0) {
          await collection.updateMany({ _id: { $in: drained }, [OUTBOX_FIELD]: {} } as Document, {
            $set: { [OUTBOX_PENDING_FIELD]: false },
          });
        }
        if (docs.length < this.sweepBatch) break;
        lastId = docs[docs.length - 1]?._id;
      }
    }
    return count;
  }

  private enqueue(item: DocEntries, rethrow = false): Promise<void> {
    const key = `${item.collection.collectionName}:${String(item.docId)}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.publishDocument(item));
    const tail = run.catch(() => undefined);
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    if (rethrow) return run;
    return run.catch((err: unknown) => {
      this.options.logger.debug({ err, docId: String(item.docId) }, 'outbox publish failed; the sweep will retry');
      this.sweepSoon();
    });
  }

  private async publishDocument({ collection, docId, entries }: DocEntries): Promise<void> {
    const sorted = [...entries].sort(
      (a, b) =>
        new Date(a.entry.stagedAt).getTime() - new Date(b.entry.stagedAt).getTime() || a.entry.seq - b.entry.seq,
    );
    const { js, topology } = this.options;
    const done: string[] = [];
    try {
      for (const { id, entry } of sorted) {
        const envelope = JSON.parse(entry.envelope) as { type: string; version: number; correlationId: string };
        await js.publish(topology.physical(entry.subject), entry.envelope, {
          msgID: id,
          expect: { streamName: topology.eventsStream },
          timeout: this.publishTimeoutMs,
          headers: toNatsHeaders({
            ...entry.headers,
            'Event-Type': envelope.type,
            'Event-Version': String(envelope.version),
            'Correlation-Id': envelope.correlationId,
          }),
        });
        done.push(id);
        this.published++;
      }
    } finally {
      if (done.length > 0) await this.clear(collection, docId, done);
    }
  }

  /** Clears published entries. `$unset` is idempotent and filters on `_id` alone (cheap on FerretDB). */
  private async clear(collection: Collection<Document>, docId: unknown, ids: string[]): Promise<void> {
    const unset: Document = {};
    for (const id of ids) unset[`${OUTBOX_FIELD}.${id}`] = '';
    await collection.updateOne({ _id: docId } as Document, { $unset: unset });
  }

  /** Brings the next sweep forward to the base interval (a dispatch failed: NATS may be away). */
  private sweepSoon(): void {
    this.currentIntervalMs = this.sweepIntervalMs;
    if (this.sweeping === undefined && this.nextSweepAt - Date.now() > this.sweepIntervalMs) {
      if (this.timer) clearTimeout(this.timer);
      this.schedule(this.sweepIntervalMs);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.nextSweepAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweepOnce()
        .then((n) => {
          if (n > 0) this.options.logger.info({ published: n }, 'outbox sweep published pending events');
          this.failures = 0;
          this.currentIntervalMs =
            n > 0 ? this.sweepIntervalMs : Math.min(this.idleSweepIntervalMs, this.currentIntervalMs * 2);
        })
        .catch((err: unknown) => {
          this.failures++;
          this.currentIntervalMs = Math.min(this.maxBackoffMs, this.sweepIntervalMs * 2 ** Math.min(this.failures, 10));
          this.options.logger.warn({ err, failures: this.failures }, 'outbox sweep failed; backing off');
        })
        .finally(() => {
          this.sweeping = undefined;
          this.schedule(this.currentIntervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
