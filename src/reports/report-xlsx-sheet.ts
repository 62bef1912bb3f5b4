import type ExcelJS from 'exceljs';
import { figure } from '../common/format-fr';
import type { KeyFigures, MilestoneTarget } from './report.types';

/** `perInhabitant`: an exact kg-per-inhabitant figure, shown to the tenth by its number format (never rounded). */
export type Kind = 'text' | 'cents' | 'number' | 'perInhabitant' | 'date' | 'ratio' | 'year';
/** The kinds, and the format of a kg-per-inhabitant figure that reads whole at the tenth (« 232 », not « 232,0 »). */
type Format = Kind | 'perInhabitantWhole';
export type Cell = string | number | null;

/** A column of a sheet: its French header (with the unit), its kind (the cell's type and number format), its value. */
export type Column<T> = {
  header: string;
  kind?: Kind | ((row: T) => Kind);
  width?: number;
  value: (row: T) => Cell;
};

/** The streaming writer: rows go to the zip as they are added, committed at once, never held for the whole book. */
export type Book = ExcelJS.stream.xlsx.WorkbookWriter;

const EURO_FORMAT = '#,##0.00 "€"';
const FORMATS: Record<Format, string | undefined> = {
  text: undefined,
  number: undefined,
  perInhabitant: '#,##0.0',
  perInhabitantWhole: '#,##0',
  cents: EURO_FORMAT,
  date: 'dd/mm/yyyy',
  year: '0',
  ratio: '0.0 %',
};

function styles(bold: boolean): Record<Format, Partial<ExcelJS.Style>> {
  const font = bold ? { font: { bold: true } } : {};
  const out = {} as Record<Format, Partial<ExcelJS.Style>>;
  for (const kind of Object.keys(FORMATS) as Format[]) {
    const numFmt = FORMATS[kind];
    out[kind] = Object.freeze(numFmt ? { ...font, numFmt } : { ...font });
  }
  return out;
}

/**
 * One frozen style object per kind, shared by every cell of that kind: the writer recognises an object it has seen
 * and does not serialise its style again for each of thousands of cells.
 */
const PLAIN = styles(false);
/** Rows written between two turns of the event loop. */
const YIELD_EVERY = 250;
const BOLD = styles(true);

/**
 * The cell's number format: its kind's, except a kg-per-inhabitant figure whole at the tenth, shown without a
 * decimal, so the cell reads as the pages and the report print it (French formatter: at most one decimal).
 */
function formatOf(kind: Kind, v: Cell | undefined): Format {
  return kind === 'perInhabitant' && typeof v === 'number' && Math.round(v * 10) % 10 === 0
    ? 'perInhabitantWhole'
    : kind;
}

function cellValue(kind: Kind, v: Cell | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  // Cents become euros as numbers (never text), so the annex can be summed in a spreadsheet.
  if (kind === 'cents' && typeof v === 'number') return v / 100;
  if (kind === 'year' && typeof v === 'string') return Number(v);
  // A real date cell (a serial number with a date format), never a text.
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
    return new Date(`${v.slice(0, 10)}T00:00:00Z`);
  return v;
}

/**
 * One sheet per table: bold frozen header, typed cells (each with its number format), an optional bold total row
 * given cell by cell in the columns' order.
 */
export async function addTable<T>(
  wb: Book,
  name: string,
  columns: Column<T>[],
  rows: Iterable<T>,
  total?: Cell[],
): Promise<void> {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(14, c.header.length + 2) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const add = (kinds: Kind[], values: Cell[], style: Record<Format, Partial<ExcelJS.Style>>) => {
    const row = ws.addRow(values.map((v, i) => cellValue(kinds[i], v)));
    kinds.forEach((kind, i) => (row.getCell(i + 1).style = style[formatOf(kind, values[i])]));
    row.commit();
  };
  const kindOf = (c: Column<T>, r: T | undefined): Kind =>
    typeof c.kind === 'function' ? (r === undefined ? 'text' : c.kind(r)) : (c.kind ?? 'text');
  const fixed = columns.every((c) => typeof c.kind !== 'function') ? columns.map((c) => kindOf(c, undefined)) : null;
  let n = 0;
  for (const r of rows) {
    add(
      fixed ?? columns.map((c) => kindOf(c, r)),
      columns.map((c) => c.value(r)),
      PLAIN,
    );
    // A long table lets the event loop breathe: the PDF printed meanwhile is driven from this same loop.
    if (++n % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (total)
    add(
      columns.map((c) => (typeof c.kind === 'function' ? 'text' : (c.kind ?? 'text'))),
      total,
      BOLD,
    );
  ws.commit();
}

/** A column of key figures (one per project year, pilot or total row). */
export function figureColumn<T extends { keyFigures: KeyFigures }>(
  header: string,
  key: keyof KeyFigures,
  kind: Kind = 'number',
): Column<T> {
  return { header, kind, value: (r) => r.keyFigures[key] ?? null };
}

/** A milestone's target as the reader expects it: "Taux d'autonomie financière ≥ 50 % en année 2". */
export function targetText(t: MilestoneTarget | string | null): string | null {
  if (!t) return null;
  if (typeof t === 'string') return t;
  return `${t.label} ${t.operator === 'gte' ? '≥' : '≤'} ${figure(t.value, t.unit).replace(/[\u202f\u00a0]/g, ' ')} en année ${t.year}`;
}

type KeyFigureRow = { label: string; value: Cell; kind: Kind };

/** The key figures sheet: one indicator a row, each with its own kind. */
export async function addKeyFigures(wb: Book, name: string, k: KeyFigures): Promise<void> {
  const year = k.wasteYear ? ` — ${k.wasteYear}` : '';
  const rows: KeyFigureRow[] = [
    { label: 'Habitants concernés', value: k.inhabitants, kind: 'number' },
    { label: "Dotation Smicval de l'année", value: k.yearEntitledCents, kind: 'cents' },
    { label: 'Versé par le Smicval', value: k.disbursedCents, kind: 'cents' },
    { label: 'Dépenses', value: k.expensesCents, kind: 'cents' },
    { label: 'Cofinancements', value: k.cofinancingCents, kind: 'cents' },
    { label: 'Apports en nature', value: k.inKindCents, kind: 'cents' },
    { label: "Taux d'autonomie", value: k.autonomyRatio, kind: 'ratio' },
    { label: 'Activités', value: k.activities, kind: 'number' },
    { label: 'Participations', value: k.participants, kind: 'number' },
    { label: 'Heures de bénévolat (h)', value: k.volunteerHours, kind: 'number' },
    { label: 'Acteurs impliqués', value: k.actors, kind: 'number' },
    { label: 'Contributions', value: k.contributions, kind: 'number' },
    { label: `OMR par habitant (kg/hab./an)${year}`, value: k.residualKgPerInhabitant, kind: 'perInhabitant' },
    {
      label: `Évolution des OMR par habitant depuis l'année de référence${year}`,
      value: k.residualChangeVsBaseline,
      kind: 'ratio',
    },
  ];
  await addTable<KeyFigureRow>(
    wb,
    name,
    [
      { header: 'Indicateur', width: 56, value: (r) => r.label },
      { header: 'Valeur', width: 20, kind: (r) => r.kind, value: (r) => r.value },
    ],
    rows,
  );
}
