// The client prints figures with the server's French formatter (src/common/format-fr.ts), so a figure reads the
// same on a page, in the report and in its spreadsheet; only what the server never prints (date and time of an
// instant) is defined here.
import { euros, figure, type FigureUnit, frenchDate, number, percent } from '../../../src/common/format-fr.js';

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Integer euro cents → « 1 234,56 € ». */
export function formatEuros(cents: number): string {
  return euros(cents);
}

/** 'YYYY-MM-DD' → « 2 juin 2023 ». */
export function formatDate(date: string): string {
  if (!DATE_ONLY.test(date)) throw new RangeError(`Date attendue au format AAAA-MM-JJ : ${date}`);
  return frenchDate(date);
}

/** ISO 8601 instant → date and time in Europe/Paris. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Horodatage invalide : ${iso}`);
  }
  return dateTimeFormat.format(date);
}

/** Fraction → percentage, rounded once to one decimal: -0.1 → « -10 % », 0.4534 → « 45,3 % ». */
export function formatPercent(fraction: number): string {
  return percent(fraction);
}

/** A count or a measure, French grouping, at most one decimal: 1234.56 → « 1 234,6 ». */
export function formatNumber(value: number): string {
  return number(value);
}

/**
 * An indicator's value in its unit (ratio, cents, hours, kg, kg per inhabitant, count): the report's own
 * formatter, so the autonomy page and the report's indicator table print the same characters.
 */
export function formatIndicator(unit: FigureUnit, value: number | null): string {
  return figure(value, unit);
}
