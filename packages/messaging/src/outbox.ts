import type { Envelope } from '@aiplat/contracts';
import type { Document, UpdateFilter } from 'mongodb';
import { currentTraceHeaders } from './trace-headers';

/**
 * The outbox lives inside the aggregate's own document, so the state change and
 * the events announcing it are written by ONE single-document atomic update —
 * no transaction needed (FerretDB has none). Entries are keyed by event id:
 *
 *   { ...state, outbox: { "<event id>": OutboxEntry, ... }, outboxPending: true }
 *
 * A map rather than an array because FerretDB cannot `$pull` by condition;
 * `$unset` of a key is idempotent, so two relays clearing one entry is harmless.
 * `outboxPending` is an indexed flag for the sweep; only the sweep lowers it,
 * and only while the map is still empty (see OutboxRelay).
 *
 * Every hot-path write filters on `_id` alone: FerretDB (SQLite) pushes down
 * nothing else and scans the whole collection for any other filter.
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
  return { [OUTBOX_FIELD]: outbox, [OUTBOX_PENDING_FIELD]: staged.length > 0 };
}

/**
 * Adds staged events to an update so they commit with it. The caller's filter
 * should guard the state transition (e.g. `{ _id, status: 'in_progress', version: 7 }`):
 * if the guard fails, neither the change nor its events are written.
 */
export function withOutbox<T extends Document>(
  update: UpdateFilter<T>,
  staged: readonly StagedEvent[],
): UpdateFilter<T> {
  if (staged.length === 0) return update;
  const set: Record<string, unknown> = { ...((update.$set as Record<string, unknown> | undefined) ?? {}) };
  for (const s of staged) set[`${OUTBOX_FIELD}.${s.id}`] = s.entry;
  set[OUTBOX_PENDING_FIELD] = true;
  return { ...update, $set: set } as UpdateFilter<T>;
}
