import type { Envelope, RequestContext } from '@aiplat/contracts';
import {
  outboxFieldsForInsert,
  toOutboxEntries,
  withOutbox,
  type EventCause,
  type OutboxRelay,
} from '@aiplat/messaging';
import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { asDocuments } from './collections';

export type Staged = { envelope: Envelope; subject: string };

/** Events caused by a request: the request id is both the correlation and the causation. */
export const causeOf = (context: RequestContext): EventCause => ({
  correlationId: context.requestId,
  causationId: context.requestId,
  actor: context.actor,
});

/**
 * Writes to one collection of versioned documents, each change with its events in ONE atomic
 * update guarded by `{ _id, version }` (plus any extra guard), then hands the events to the relay.
 */
export class VersionedWrites<T extends { _id: string; version: number }> {
  constructor(
    private readonly collection: Collection<T>,
    private readonly relay: OutboxRelay,
  ) {}

  /** Inserts a new document with its first events; a duplicate `_id` throws (the caller decides). */
  async insert(doc: T, events: readonly Staged[], now = new Date()): Promise<void> {
    const staged = toOutboxEntries(events, now);
    await this.collection.insertOne({ ...doc, ...outboxFieldsForInsert(staged) } as never);
    if (staged.length) void this.relay.dispatch(asDocuments(this.collection), doc._id, staged);
  }

  /** The change if the document is still at `version` (and matches `guard`); else null. */
  async save(
    id: string,
    version: number,
    set: Record<string, unknown>,
    events: readonly Staged[],
    now = new Date(),
    guard: Record<string, unknown> = {},
  ): Promise<T | null> {
    const staged = toOutboxEntries(events, now);
    const saved = await this.collection.findOneAndUpdate(
      { ...guard, _id: id, version } as Filter<T>,
      withOutbox<Document>({ $set: set, $inc: { version: 1 } }, staged) as UpdateFilter<T>,
      { returnDocument: 'after' },
    );
    if (saved && staged.length) void this.relay.dispatch(asDocuments(this.collection), id, staged);
    return saved as T | null;
  }
}
