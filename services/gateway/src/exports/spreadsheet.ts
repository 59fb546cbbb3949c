import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** One column of an export: its heading (Chinese / English) and how a row fills it. */
export interface Column<Row> {
  readonly header: string;
  readonly width?: number;
  readonly value: (row: Row) => string | number | undefined;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A cell a spreadsheet program would run as a formula (=, +, -, @, tab, CR at the start) is
 * prefixed with an apostrophe: exported text comes from users and must stay text (CSV injection).
 */
export function neutralize(value: string | number | undefined): string | number {
  if (value === undefined) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * CSV with a byte-order mark, so that Excel opens the Chinese text as UTF-8, and CRLF line ends
 * (RFC 4180).
 */
export function toCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): Buffer {
  const body = stringify(
    [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => neutralize(c.value(r))))],
    {
      record_delimiter: '\r\n',
    },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

/** An Excel workbook of one sheet: bold frozen heading row, sized columns, filter on the heading. */
export async function toXlsx<Row>(
  sheetName: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'aiplat';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => neutralize(c.value(r))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function render<Row>(
  format: ExportFormat,
  sheetName: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): Promise<Buffer> {
  return format === 'csv' ? toCsv(columns, rows) : toXlsx(sheetName, columns, rows);
}

/** Fen as yuan with two decimals, computed on integers (never through a float of yuan). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
