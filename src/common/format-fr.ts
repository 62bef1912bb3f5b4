/**
 * The French formatter of every figure the server prints (reports, their XLSX annex, e-mails). Figures are
 * computed exactly elsewhere and rounded here only, once, at display. Pure and locale-pinned (never the
 * machine's locale or time zone), so the same figure always prints the same characters. The client's
 * `client/src/i18n/format.ts` prints through these same functions.
 */
const EUROS = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const PERCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const missing = (v: number | null | undefined): v is null | undefined =>
  v === null || v === undefined || !Number.isFinite(v);

/** Integer cents → "150 000,00 €"; null or undefined → an em dash. */
export function euros(cents: number | null | undefined): string {
  if (missing(cents)) return '—';
  // Integer division keeps the cents exact; only the final display goes through Intl.
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const text = EUROS.format(Math.trunc(abs / 100) + (abs % 100) / 100);
  return negative ? `-${text}` : text;
}

/** 'YYYY-MM-DD' (or an ISO instant) → "2 juin 2023". */
export function frenchDate(value: string | null | undefined): string {
  if (!value) return '—';
  const day = value.slice(0, 10);
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? value : LONG_DATE.format(d);
}

/** 'YYYY-MM' → "juin 2023". */
export function frenchMonth(value: string): string {
  const d = new Date(`${value.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? value : MONTH.format(d);
}

/** A fraction (0.452) → "45,2 %"; null → an em dash. */
export function percent(fraction: number | null | undefined): string {
  if (missing(fraction)) return '—';
  return PERCENT.format(fraction);
}

/** A plain number with French grouping ("1 234,5"); null → an em dash. */
export function number(value: number | null | undefined): string {
  if (missing(value)) return '—';
  return NUMBER.format(value);
}

/** The units an indicator or a spreadsheet column can carry. */
export type FigureUnit = 'ratio' | 'count' | 'cents' | 'hours' | 'kg' | 'kgPerInhabitant' | 'kg_per_inhabitant';

/** French name of a unit, for spreadsheet headers and tables ("" for a plain count). */
export const UNIT_LABELS: Record<FigureUnit, string> = {
  ratio: '%',
  count: 'nombre',
  cents: '€',
  hours: 'heures',
  kg: 'kg',
  kgPerInhabitant: 'kg/hab./an',
  kg_per_inhabitant: 'kg/hab./an',
};

/** A figure in its unit: 0.5 ratio → "50 %", cents → euros, hours → "12 h", kg per inhabitant → "245 kg/hab.". */
export function figure(value: number | null | undefined, unit: FigureUnit): string {
  if (missing(value)) return '—';
  switch (unit) {
    case 'ratio':
      return percent(value);
    case 'cents':
      return euros(value);
    case 'hours':
      return `${number(value)} h`;
    case 'kg':
      return `${number(value)} kg`;
    case 'kgPerInhabitant':
    case 'kg_per_inhabitant':
      return `${number(value)} kg/hab.`;
    default:
      return number(value);
  }
}
