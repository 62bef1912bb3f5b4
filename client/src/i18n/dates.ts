/** Today in France as YYYY-MM-DD: the server's calendar (Europe/Paris), whatever the browser's zone. */
export function todayInFrance(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export type ProjectYearRange = { year: number; from: string; to: string };

/**
 * The project year a date falls in, from the pilot's year ranges (the API's `projectYears`, computed on the
 * server from the convention's start date). Before the first year: 1; after the last: the last; no ranges: null.
 */
export function projectYearOfDate(years: ProjectYearRange[], date: string): number | null {
  if (years.length === 0) return null;
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (date < first.from) return first.year;
  return sorted.find((y) => y.from <= date && date <= y.to)?.year ?? last.year;
}
