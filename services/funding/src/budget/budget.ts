import type { BudgetView } from '@aiplat/contracts';

/**
 * One document per programme-year. Every change to it is ONE atomic single-document
 * update whose filter makes it conditional and idempotent:
 *  - `reservations.<allocation id>`: the commitment of an approved allocation; reserving
 *    again is refused by `$exists: false`, and over-commitment by `available: {$gte}`;
 *  - `applied.<ledger id>`: every other keyed change (a release, a disbursement, a
 *    budget change), so a retried or redelivered change is applied once.
 * `available` is stored (budget − committed − disbursed) so the guard is a plain comparison.
 */
export interface BudgetDocument {
  _id: string;
  programmeId: string;
  year: number;
  budget: number;
  committed: number;
  disbursed: number;
  released: number;
  available: number;
  reservations: Record<string, { amount: number; override: boolean; at: Date }>;
  applied: Record<string, number>;
  version: number;
}

export const budgetId = (programmeId: string, year: number) => `${programmeId}:${year}`;

export function toBudgetView(doc: BudgetDocument): BudgetView {
  return {
    programmeId: doc.programmeId,
    year: doc.year,
    budget: doc.budget,
    committed: doc.committed,
    disbursed: doc.disbursed,
    released: doc.released,
    available: doc.available,
    version: doc.version,
  };
}
