import type ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { formatEuros, formatNumber, formatPercent } from '../../client/src/i18n/format';
import { euros, number, percent } from '../../src/common/format-fr';

/** How a figure reads on each surface: the report's HTML and PDF text, its spreadsheet, the client's pages. */
export type Kind = 'euros' | 'percent' | 'number';

export const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ').replace(/&#x27;/g, "'");
export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The one reading of a figure: the server's French formatter, which the client's must print identically. */
export function reads(kind: Kind, value: number | null): string {
  const server = kind === 'euros' ? euros(value) : kind === 'percent' ? percent(value) : number(value);
  if (value !== null) {
    const client =
      kind === 'euros' ? formatEuros(value) : kind === 'percent' ? formatPercent(value) : formatNumber(value);
    expect(client, `client reading of ${value}`).toBe(server);
  }
  return plain(server);
}

/** Every surface holds the same exact value as the rows, so it can only read the same. */
export function agree(name: string, expected: unknown, surfaces: Record<string, unknown>) {
  for (const [surface, value] of Object.entries(surfaces)) expect(value, `${name} on ${surface}`).toEqual(expected);
}

/** A figure followed by its label in the PDF's text, whose ligatures (ff, fi, fl) come out as separate runs. */
export function pdfShows(text: string, value: string, label: string): boolean {
  const words = escape(label).replace(/ff|fi|fl/g, (l) => ` ?${l} ?`);
  return new RegExp(`${escape(value)} ${words}`).test(text);
}

/** A worksheet's rows as label → cell, for the two-column sheets (key figures, indicators). */
export function byLabel(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.Cell> {
  const rows = new Map<string, ExcelJS.Cell>();
  sheet.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2)));
  return rows;
}

/** What a spreadsheet cell shows, read with the same formatter as the pages: euros, percent or a number. */
export function cellReads(cell: ExcelJS.Cell | undefined): string {
  const v = cell?.value as number;
  if (cell?.numFmt?.includes('€')) return reads('euros', Math.round(v * 100));
  if (cell?.numFmt?.includes('%')) return reads('percent', v);
  return reads('number', v);
}
