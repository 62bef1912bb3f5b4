import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type Column<T> = {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
  /** Cents are exported as euros with a euro number format in XLSX, and as euros with a dot in CSV. */
  kind?: 'text' | 'number' | 'cents' | 'date';
  width?: number;
};

function csvCell(v: string | number | boolean | null | undefined, numeric = typeof v === 'number'): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quotes when needed; a text starting with = + - @ is neutralised so a spreadsheet never runs it as a formula
  // (numbers, negative ones included, are left as numbers).
  const safe = !numeric && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cell<T>(c: Column<T>, row: T) {
  const v = c.value(row);
  return c.kind === 'cents' && typeof v === 'number' ? v / 100 : v;
}

export function toCsv<T>(columns: Column<T>[], rows: T[], totals?: T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of [...rows, ...(totals ?? [])]) {
    lines.push(
      columns
        .map((c) => {
          const v = cell(c, row);
          return c.kind === 'cents' && typeof v === 'number' ? csvCell(v.toFixed(2), true) : csvCell(v);
        })
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[], totals?: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Projet K';
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length + 2) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) ws.addRow(columns.map((c) => cell(c, row) ?? null));
  for (const row of totals ?? []) ws.addRow(columns.map((c) => cell(c, row) ?? null)).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.kind === 'cents') ws.getColumn(i + 1).numFmt = '#,##0.00 "€"';
    if (c.kind === 'date') ws.getColumn(i + 1).numFmt = 'dd/mm/yyyy';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a table as CSV or XLSX with a download file name. */
export async function sendTable<T>(reply: FastifyReply, format: 'csv' | 'xlsx', filename: string, columns: Column<T>[], rows: T[], totals?: T[]): Promise<void> {
  if (format === 'csv') {
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}.csv"`)
      .send(toCsv(columns, rows, totals));
    return;
  }
  await reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${filename}.xlsx"`)
    .send(await toXlsx(filename, columns, rows, totals));
}
