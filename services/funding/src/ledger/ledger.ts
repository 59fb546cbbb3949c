import { isDuplicateKeyError } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Filter } from 'mongodb';
import type { LedgerKind } from '@aiplat/contracts';
import { FundingCollections } from '../database/collections';
import type { LedgerEntry } from './ledger-entry';

/** The append-only funding ledger. Entries have deterministic ids: writing one twice is a no-op. */
@Injectable()
export class Ledger {
  constructor(private readonly db: FundingCollections) {}

  async record(entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.db.ledger.insertMany([...entries], { ordered: false });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      const onlyDuplicates =
        list.length > 0 &&
        list.every((w: { code?: number; err?: { code?: number } }) => (w.code ?? w.err?.code) === 11000);
      if (!onlyDuplicates && !isDuplicateKeyError(err)) throw err;
    }
  }

  list(filter: {
    programmeId?: string;
    year?: number;
    allocationId?: string;
    kind?: LedgerKind;
    limit?: number;
  }): Promise<LedgerEntry[]> {
    const q: Filter<LedgerEntry> = {};
    if (filter.programmeId) q.programmeId = { $eq: filter.programmeId };
    if (filter.year) q.year = { $eq: filter.year };
    if (filter.allocationId) q.allocationId = { $eq: filter.allocationId };
    if (filter.kind) q.kind = { $eq: filter.kind };
    const cursor = this.db.ledger.find(q).sort({ at: 1, _id: 1 });
    return (filter.limit ? cursor.limit(filter.limit) : cursor).toArray();
  }
}
