import type { Envelope } from '@aiplat/contracts';
import type { Document, UpdateFilter } from 'mongodb';
import { currentTraceHeaders } from './trace-headers';

/**
 * The outbox lives inside the aggregate's own document, so the state change and
 * the events announcing it are written by ONE single-document atomic update —
 * no transaction needed (FerretDB has none). Entries are keyed by event id:
 *
 *   { ...state, outbox: { "<event id>": OutboxEntry, ... }, outboxPending: <count> }
 *
 * A map rather than an array because FerretDB cannot `$pull` by condition;
 * `$unset` of one key guarded by `$exists` clears exactly one entry, once.
 */
export interface OutboxEntry {
  /** Logical subject from the contracts registry (the relay maps it to the server's). */
  subject: string;
  /** The envelope as JSON text: payloads may hold shapes FerretDB cannot store (nested arrays). */
  envelope: string;
  /** Order of the events staged by one write. */
  seq: number;
  stagedAt: Date;
  /** W3C trace context of the request that staged it, so the consumer span joins that trace. */
  headers: Record<string, string>;
}

export const OUTBOX_FIELD = 'outbox';
export const OUTBOX_PENDING_FIELD = 'outboxPending';

export interface StagedEvent {
  id: string;
  entry: OutboxEntry;
}

export function toOutboxEntries(
  events: ReadonlyArray<{ envelope: Envelope; subject: string }>,
  now: Date = new Date(),
): StagedEvent[] {
  const headers = currentTraceHeaders();
  return events.map(({ envelope, subject }, seq) => ({
    id: envelope.id,
    entry: { subject, envelope: JSON.stringify(envelope), seq, stagedAt: now, headers },
  }));
}

/** Fields for a new document that is created together with its first events. */
export function outboxFieldsForInsert(staged: readonly StagedEvent[]): Record<string, unknown> {
  const outbox: Record<string, OutboxEntry> = {};
  for (const s of staged) outbox[s.id] = s.entry;
  return { [OUTBOX_FIELD]: outbox, [OUTBOX_PENDING_FIELD]: staged.length };
}

/**
 * Adds staged events to an update so they commit with it. The caller's filter
 * should guard the state transition (e.g. `{ _id, status: 'in_progress', version: 7 }`):
 * if the guard fails, neither the change nor its events are written.
 */
export function withOutbox<T extends Document>(update: UpdateFilter<T>, staged: readonly StagedEvent[]): UpdateFilter<T> {
  const set: Record<string, unknown> = { ...((update.$set as Record<string, unknown> | undefined) ?? {}) };
  const inc: Record<string, number> = { ...((update.$inc as Record<string, number> | undefined) ?? {}) };
  for (const s of staged) set[`${OUTBOX_FIELD}.${s.id}`] = s.entry;
  inc[OUTBOX_PENDING_FIELD] = (inc[OUTBOX_PENDING_FIELD] ?? 0) + staged.length;
  return { ...update, $set: set, $inc: inc } as UpdateFilter<T>;
}
