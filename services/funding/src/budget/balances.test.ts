import { describe, expect, it } from 'vitest';
import { balancesFromLedger } from './balances';

describe('balances from the ledger', () => {
  it('adds budget changes and commitments; cancellations and releases return commitment; disbursements pay it', () => {
    const b = balancesFromLedger([
      { kind: 'budget', amount: 10_000 },
      { kind: 'budget', amount: -1_000 },
      { kind: 'commitment', amount: 4_000 },
      { kind: 'commitment', amount: 3_000 },
      { kind: 'hold', amount: 3_000 },
      { kind: 'hold_lifted', amount: 3_000 },
      { kind: 'payable', amount: 1_000 },
      { kind: 'disbursement', amount: 1_000 },
      { kind: 'cancellation', amount: 2_000 },
      { kind: 'release', amount: 3_000 },
    ]);
    expect(b).toEqual({ budget: 9_000, committed: 1_000, disbursed: 1_000, released: 5_000, available: 7_000 });
  });
});
