/**
 * French formatting for reports, pure and locale-pinned (never the machine's locale or time zone), so the
 * same snapshot always prints the same characters.
 */
const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 });
const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Integer cents → "150 000,00 €"; null or undefined → an em dash. */
export function euros(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
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

/** A fraction (0.452) → "45,2 %"; null → an em dash. */
export function percent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return PERCENT.format(fraction);
}

/** A plain number with French grouping ("1 234,5"); null → an em dash. */
export function number(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return NUMBER.format(value);
}
