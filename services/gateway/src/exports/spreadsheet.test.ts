import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutralize, toCsv, toXlsx, yuan, type Column } from './spreadsheet';

interface Row {
  code: string;
  title: string;
  progress: number;
}
const columns: Column<Row>[] = [
  { header: '编号 Code', value: (r) => r.code },
  { header: '任务 Task', value: (r) => r.title },
  { header: '进度 Progress %', value: (r) => r.progress },
];
const rows: Row[] = [
  { code: '2020-4.2', title: '人工智能+现代农业, "智慧农业"', progress: 40 },
  { code: '2020-3.1', title: '=HYPERLINK("http://evil")', progress: 0 },
];

describe('exports', () => {
  it('writes CSV with a BOM, quoted commas and quotes, CRLF rows', () => {
    const csv = toCsv(columns, rows);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.split('\r\n')).toEqual([
      '编号 Code,任务 Task,进度 Progress %',
      '2020-4.2,"人工智能+现代农业, ""智慧农业""",40',
      `2020-3.1,"'=HYPERLINK(""http://evil"")",0`,
      '',
    ]);
  });

  it('keeps formulas from running: cells starting with = + - @ become text', () => {
    expect(neutralize('=1+1')).toBe("'=1+1");
    expect(neutralize('-2')).toBe("'-2");
    expect(neutralize('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralize('市农业农村局')).toBe('市农业农村局');
    expect(neutralize(-2)).toBe(-2);
    expect(neutralize(undefined)).toBe('');
  });

  it('writes an Excel workbook that reads back with the same cells', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx('台账', columns, rows)) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('台账')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '编号 Code', '任务 Task', '进度 Progress %']);
    expect(sheet.getRow(2).values).toEqual([undefined, '2020-4.2', '人工智能+现代农业, "智慧农业"', 40]);
    expect(sheet.getRow(3).getCell(2).value).toBe('\'=HYPERLINK("http://evil")');
    expect(sheet.rowCount).toBe(3);
  });

  it('writes fen as yuan with two decimals, exactly, for any size and sign', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(200_000)).toBe('2000.00');
    expect(yuan(-1_234_567)).toBe('-12345.67');
    expect(yuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });
});
