import type { Collection, Db } from 'mongodb';

export interface ProcessedEventRecord {
  /** `<consumer>:<event id>`: the primary key is the unique index. */
  _id: string;
  consumer: string;
  eventId: string;
  eventType: string;
  /** Delivery on which the handler succeeded (1 = first try). */
  deliveryCount: number;
  appliedAt: Date;
}

/**
 * One record per (consumer, event id), written when the handler has succeeded,
 * under a unique index — the primary key `<consumer>:<event id>`. Every lookup
 * filters on `_id` alone: the only filter FerretDB pushes down to its index
 * (anything else scans the collection).
 *
 * This is the first layer of "each effect once": an event with a record is
 * acknowledged without running the handler again. A process that dies after
 * the handler's write but before this record leaves the event to be delivered
 * again; the handler then meets its own state-guarded write (the second layer),
 * which refuses a change the aggregate already has.
 */
export interface ProcessedEventsOptions {
  collectionName?: string;
  /** Records written in one `insertMany` at most. */
  maxBatch?: number;
  /** How long a record may wait for others to share its write (ms). */
  maxDelayMs?: number;
}

interface Pending {
  record: ProcessedEventRecord;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class ProcessedEvents {
  readonly collection: Collection<ProcessedEventRecord>;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(db: Db, options: ProcessedEventsOptions = {}) {
    this.collection = db.collection<ProcessedEventRecord>(options.collectionName ?? 'processed_events');
    this.maxBatch = options.maxBatch ?? 64;
    this.maxDelayMs = options.maxDelayMs ?? 5;
  }

  static key(consumer: string, eventId: string): string {
    return `${consumer}:${eventId}`;
  }

  /** The database answers (the consumer's dependency probe). */
  async ping(): Promise<boolean> {
    await this.collection.db.command({ ping: 1 });
    return true;
  }

  async isApplied(consumer: string, eventId: string): Promise<boolean> {
    return (await this.collection.findOne({ _id: ProcessedEvents.key(consumer, eventId) })) !== null;
  }

  /**
   * Records the event as applied; resolves once the record is stored. Records
   * arriving within a few milliseconds share one `insertMany` — one SQLite
   * transaction on FerretDB instead of one per event. A record that already
   * exists (two copies raced) counts as stored.
   */
  markApplied(
    consumer: string,
    event: { id: string; type: string },
    deliveryCount: number,
    now = new Date(),
  ): Promise<void> {
    const record: ProcessedEventRecord = {
      _id: ProcessedEvents.key(consumer, event.id),
      consumer,
      eventId: event.id,
      eventType: event.type,
      deliveryCount,
      appliedAt: now,
    };
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.collection
      .insertMany(
        batch.map((p) => p.record),
        { ordered: false },
      )
      .then(
        () => batch.forEach((p) => p.resolve()),
        (err: unknown) => {
          // Unordered: every record was tried; only those that failed for another reason than
          // "already there" are failures.
          const failed = new Set(
            writeErrorsOf(err)
              .filter((e) => e.code !== 11000)
              .map((e) => e.index),
          );
          const whole = writeErrorsOf(err).length === 0;
          batch.forEach((p, i) => (whole || failed.has(i) ? p.reject(err) : p.resolve()));
        },
      );
  }
}

function writeErrorsOf(err: unknown): Array<{ index: number; code: number }> {
  const e = err as { writeErrors?: unknown } | undefined;
  const list = Array.isArray(e?.writeErrors) ? e.writeErrors : e?.writeErrors ? [e.writeErrors] : [];
  return list.map((w: { index?: number; code?: number; err?: { index?: number; code?: number } }) => ({
    index: w.index ?? w.err?.index ?? -1,
    code: w.code ?? w.err?.code ?? 0,
  }));
}

export function isDuplicateKeyError(err: unknown): boolean {
  return (err as { code?: number } | undefined)?.code === 11000;
}
