import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFundingService, type FundingHarness } from '../../funding/test/funding-service';
import { allocationAt } from './funding-fixtures';
import { startGateway, type Gateway } from './gateway-harness';

/** The funding ledger exported through the gateway, as the funding office downloads it. */
describe('funding ledger export', () => {
  let gw: Gateway;
  let funding: FundingHarness;

  beforeAll(async () => {
    funding = await startFundingService();
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw?.close();
    await funding?.close();
  });

  it('lists the budget change and the commitment of an approval, amounts in yuan and fen, as CSV and Excel', async () => {
    const id = await allocationAt(gw, 'approved');
    const csv = await gw.api('GET', '/api/v1/exports/funding-ledger', {
      token: gw.accounts.funding.token,
      query: { year: '2026', format: 'csv' },
    });
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('金额（元）Amount (CNY)');
    const commitment = lines.find((l) => l.includes(id) && l.includes(',commitment,'));
    expect(commitment).toBeDefined();
    expect(commitment).toContain(',2000.00,200000,');
    expect(lines.some((l) => l.includes(',budget,high-quality,2026,'))).toBe(true);

    const xlsx = await fetch(`${gw.baseUrl}/api/v1/exports/funding-ledger?year=2026&format=xlsx&kind=commitment`, {
      headers: { authorization: `Bearer ${gw.accounts.office.token}` },
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = book.getWorksheet('资金台账')!;
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r[2] === 'commitment')).toBe(true);

    const bureau = await gw.api('GET', '/api/v1/exports/funding-ledger', {
      token: gw.accounts.bureauEit.token,
      query: { year: '2026' },
    });
    expect(bureau.status).toBe(403);
  });
});
