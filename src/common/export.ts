import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

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

function csvCell(v: Value, dialect: CsvDialect, numeric = typeof v === 'number'): string {
  if (v === null || v === undefined) return '';
  const french = dialect === 'excel-fr';
  let s = typeof v === 'boolean' && french ? (v ? 'Oui' : 'Non') : String(v);
  if (numeric && french) s = s.replace('.', ',');
  // Quotes when needed; a text starting with = + - @ is neutralised so a spreadsheet never runs it as a formula
  // (numbers, negative ones included, are left as numbers).
  const safe = !numeric && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  const separator = french ? ';' : ',';
  return safe.includes(separator) || /["\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cell<T>(c: Column<T>, row: T) {
  const v = c.value(row);
  return c.kind === 'cents' && typeof v === 'number' ? v / 100 : v;
}

export function toCsv<T>(columns: Column<T>[], rows: T[], totals?: T[], dialect: CsvDialect = 'excel-fr'): string {
  const separator = dialect === 'excel-fr' ? ';' : ',';
  const lines = [columns.map((c) => csvCell(c.header, dialect)).join(separator)];
  for (const row of [...rows, ...(totals ?? [])]) {
    lines.push(
      columns
        .map((c) => {
          const v = cell(c, row);
          return c.kind === 'cents' && typeof v === 'number'
            ? csvCell(v.toFixed(2), dialect, true)
            : csvCell(v, dialect);
        })
        .join(separator),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A 'YYYY-MM-DD' (or ISO instant) of a date column becomes a real date cell, never a text. */
function xlsxCell<T>(c: Column<T>, row: T): ExcelJS.CellValue {
  const v = cell(c, row);
  if (c.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
    return new Date(`${v.slice(0, 10)}T00:00:00Z`);
  return v ?? null;
}

export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[], totals?: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}.csv"`)
      .send(toCsv(columns, rows, totals, dialect));
    return;
  }
  await reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${filename}.xlsx"`)
    .send(await toXlsx(filename, columns, rows, totals));
}
