import type { LedgerEntry } from '../ledger/ledger-entry';

export interface Balances {
  budget: number;
  committed: number;
  disbursed: number;
  released: number;
  available: number;
}

/**
 * Recomputes a programme-year's balances from its ledger alone. Holds, lifted holds
 * and payable marks move no money; a cancellation or a release returns a commitment
 * to the budget; a disbursement turns a commitment into money paid.
 */
export function balancesFromLedger(entries: Iterable<Pick<LedgerEntry, 'kind' | 'amount'>>): Balances {
  const b = { budget: 0, committed: 0, disbursed: 0, released: 0 };
  for (const e of entries) {
    switch (e.kind) {
      case 'budget':
        b.budget += e.amount;
        break;
      case 'commitment':
        b.committed += e.amount;
        break;
      case 'cancellation':
      case 'release':
        b.committed -= e.amount;
        b.released += e.amount;
        break;
      case 'disbursement':
        b.committed -= e.amount;
        b.disbursed += e.amount;
        break;
      case 'hold':
      case 'hold_lifted':
      case 'payable':
        break;
    }
  }
  return { ...b, available: b.budget - b.committed - b.disbursed };
}
