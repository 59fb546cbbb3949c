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
export class ProcessedEvents {
  readonly collection: Collection<ProcessedEventRecord>;

  constructor(db: Db, collectionName = 'processed_events') {
    this.collection = db.collection<ProcessedEventRecord>(collectionName);
  }

  static key(consumer: string, eventId: string): string {
    return `${consumer}:${eventId}`;
  }

  async isApplied(consumer: string, eventId: string): Promise<boolean> {
    return (await this.collection.findOne({ _id: ProcessedEvents.key(consumer, eventId) })) !== null;
  }

  /** Records the event as applied; a second record of the same event (two copies raced) is a no-op. */
  async markApplied(
    consumer: string,
    event: { id: string; type: string },
    deliveryCount: number,
    now = new Date(),
  ): Promise<void> {
    try {
      await this.collection.insertOne({
        _id: ProcessedEvents.key(consumer, event.id),
        consumer,
        eventId: event.id,
        eventType: event.type,
        deliveryCount,
        appliedAt: now,
      });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}

export function isDuplicateKeyError(err: unknown): boolean {
  return (err as { code?: number } | undefined)?.code === 11000;
}
