import { describe, expect, it } from 'vitest';
import { ledgerExportPath } from './LedgerExport';

describe('the ledger export', () => {
  it('asks for the year with the programme and kind filters, never the allocation filter', () => {
    expect(ledgerExportPath({}, 2026, 'csv')).toBe('/api/v1/exports/funding-ledger?year=2026&format=csv');
    expect(
      ledgerExportPath(
        { programmeId: 'ai-industry', kind: 'commitment', allocationId: 'al-1', year: 2026 },
        2026,
        'xlsx',
      ),
    ).toBe('/api/v1/exports/funding-ledger?year=2026&format=xlsx&programmeId=ai-industry&kind=commitment');
  });
});
