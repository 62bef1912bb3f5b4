const eurosFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

// Date-only strings are formatted in UTC so that '2023-06-02' stays the 2nd whatever the browser's zone.
const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Integer euro cents → « 1 234,56 € ». */
export function formatEuros(cents: number): string {
  return eurosFormat.format(cents / 100);
}

/** 'YYYY-MM-DD' → « 2 juin 2023 ». */
export function formatDate(date: string): string {
  const match = DATE_ONLY.exec(date);
  if (!match) {
    throw new RangeError(`Date attendue au format AAAA-MM-JJ : ${date}`);
  }
  const [, year, month, day] = match;
  return dateFormat.format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}

/** ISO 8601 instant → date and time in Europe/Paris. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Horodatage invalide : ${iso}`);
  }
  return dateTimeFormat.format(date);
}

/** Fraction → percentage: -0.1 → « -10 % ». */
export function formatPercent(fraction: number): string {
  return percentFormat.format(fraction);
}
