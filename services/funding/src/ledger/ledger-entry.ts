import type { LedgerEntryView, LedgerKind } from '@aiplat/contracts';

/**
 * One line of the funding ledger. The `_id` is deterministic (e.g.
 * `<event id>:<allocation id>:<tranche>`, `commit:<allocation id>`), so writing
 * an entry again after a crash or a redelivery is a no-op (duplicate key).
 */
export interface LedgerEntry {
  _id: string;
  kind: LedgerKind;
  programmeId: string;
  year: number;
  allocationId?: string;
  tranche?: number;
  /** Fen; for `budget` the change, which may be negative. */
  amount: number;
  cause: { eventId?: string; requestId?: string };
  actor: string;
  override?: boolean;
  reason?: string;
  at: Date;
}

export function toLedgerView(e: LedgerEntry): LedgerEntryView {
  return {
    id: e._id,
    kind: e.kind,
    programmeId: e.programmeId,
    year: e.year,
    ...(e.allocationId ? { allocationId: e.allocationId } : {}),
    ...(e.tranche !== undefined ? { tranche: e.tranche } : {}),
    amount: e.amount,
    cause: e.cause,
    actor: e.actor,
    ...(e.override ? { override: true } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
    at: e.at.toISOString(),
  };
}
