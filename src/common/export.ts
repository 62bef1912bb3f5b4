import type ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { sendDownload } from './download';
import { onFirstUse } from './on-first-use';

// Loaded by the first spreadsheet export, not at start.
const excel = onFirstUse<typeof ExcelJS>('exceljs');

export type Column<T> = {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
  /** Cents are exported as euros: a euro number format in XLSX, two decimals in CSV; dates as date cells in XLSX. */
  kind?: 'text' | 'number' | 'cents' | 'date';
  width?: number;
};

/**
 * CSV dialects: `excel-fr` (the default) opens as columns in French Excel — `;` between cells, a decimal comma,
 * a UTF-8 byte order mark, Oui/Non; `rfc4180` is the machine format — `,` and a decimal dot.
 */
export const CSV_DIALECTS = ['excel-fr', 'rfc4180'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

type Value = string | number | boolean | null | undefined;

/** One cell's text: Oui/Non and decimal commas for French Excel; a text that a spreadsheet would run as a formula is neutralised. */
function csvText(v: Value, dialect: CsvDialect, numeric = typeof v === 'number'): string {
  if (v === null || v === undefined) return '';
  const french = dialect === 'excel-fr';
  let s = typeof v === 'boolean' && french ? (v ? 'Oui' : 'Non') : String(v);
  if (numeric && french) s = s.replace('.', ',');
  // Numbers, negative ones included, stay numbers; a text starting with = + - @ gets a leading quote.
  return !numeric && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function cell<T>(c: Column<T>, row: T) {
  const v = c.value(row);
  return c.kind === 'cents' && typeof v === 'number' ? v / 100 : v;
}

/** The table as CSV (csv-stringify does the quoting), header first, totals last, CRLF lines, UTF-8 BOM. */
export function toCsv<T>(columns: Column<T>[], rows: T[], totals?: T[], dialect: CsvDialect = 'excel-fr'): string {
  const records = [columns.map((c) => csvText(c.header, dialect))];
  for (const row of [...rows, ...(totals ?? [])]) {
    records.push(
      columns.map((c) => {
        const v = cell(c, row);
        return c.kind === 'cents' && typeof v === 'number' ? csvText(v.toFixed(2), dialect, true) : csvText(v, dialect);
      }),
    );
  }
  return stringify(records, {
    bom: true,
    delimiter: dialect === 'excel-fr' ? ';' : ',',
    record_delimiter: 'windows',
    // A line break inside a cell is quoted too, whatever the record delimiter.
    quoted_match: /[\r\n]/,
  });
}

/** A 'YYYY-MM-DD' (or ISO instant) of a date column becomes a real date cell, never a text. */
function xlsxCell<T>(c: Column<T>, row: T): ExcelJS.CellValue {
  const v = cell(c, row);
  if (c.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
    return new Date(`${v.slice(0, 10)}T00:00:00Z`);
  return v ?? null;
}

export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[], totals?: T[]): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = 'Projet K';
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length + 2) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) ws.addRow(columns.map((c) => xlsxCell(c, row)));
  for (const row of totals ?? []) ws.addRow(columns.map((c) => xlsxCell(c, row))).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.kind === 'cents') ws.getColumn(i + 1).numFmt = '#,##0.00 "€"';
    if (c.kind === 'date') ws.getColumn(i + 1).numFmt = 'dd/mm/yyyy';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Sends a table as CSV or XLSX with a download file name. The CSV dialect comes from the request's validated
 * `?dialect=` (ListQueryDto), French Excel's by default.
 */
export async function sendTable<T>(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  filename: string,
  columns: Column<T>[],
  rows: T[],
  totals?: T[],
): Promise<void> {
  if (format === 'csv') {
    const dialect: CsvDialect =
      (reply.request?.query as { dialect?: string } | undefined)?.dialect === 'rfc4180' ? 'rfc4180' : 'excel-fr';
    await sendDownload(reply, {
      content: toCsv(columns, rows, totals, dialect),
      contentType: 'text/csv; charset=utf-8',
      filename: `${filename}.csv`,
    });
    return;
  }
  await sendDownload(reply, {
    content: await toXlsx(filename, columns, rows, totals),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${filename}.xlsx`,
  });
}
