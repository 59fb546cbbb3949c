import type { Collection, Db } from 'mongodb';

export interface ProcessedEventRecord {
  consumer: string;
  eventId: string;
  status: 'applying' | 'applied';
  attempts: number;
  firstSeenAt: Date;
  lastAttemptAt: Date;
  appliedAt?: Date;
}

export type BeginResult = 'new' | 'retry' | 'duplicate';

/**
 * One record per (consumer, event id) under a unique index: the first layer of
 * "each effect once". A record in `applied` means the event is done for that
 * consumer; `applying` means an earlier attempt started and may have written
 * part of its effect, so the handler runs again and relies on its own
 * state-guarded writes (the second layer).
 */
export class ProcessedEvents {
  readonly collection: Collection<ProcessedEventRecord>;

  constructor(db: Db, collectionName = 'processed_events') {
    this.collection = db.collection<ProcessedEventRecord>(collectionName);
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ consumer: 1, eventId: 1 }, { unique: true, name: 'consumer_event_unique' });
  }

  async begin(consumer: string, eventId: string, now = new Date()): Promise<BeginResult> {
    const before = await this.collection.findOneAndUpdate(
      { consumer, eventId },
      { $setOnInsert: { firstSeenAt: now, status: 'applying' }, $set: { lastAttemptAt: now }, $inc: { attempts: 1 } },
      { upsert: true, returnDocument: 'before' },
    );
    if (!before) return 'new';
    return before.status === 'applied' ? 'duplicate' : 'retry';
  }

  async markApplied(consumer: string, eventId: string, now = new Date()): Promise<void> {
    await this.collection.updateOne({ consumer, eventId }, { $set: { status: 'applied', appliedAt: now } });
  }

  async isApplied(consumer: string, eventId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ consumer, eventId, status: 'applied' })) > 0;
  }
}

export function isDuplicateKeyError(err: unknown): boolean {
  return (err as { code?: number } | undefined)?.code === 11000;
}
