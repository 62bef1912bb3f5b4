/**
 * Phase deadlines are calendar dates in Europe/Paris: a phase stays open until 23:59:59 Paris time on its
 * deadline date, whatever the season (CET in winter, CEST in summer). Pure functions, unit-tested.
 */
const PARIS = 'Europe/Paris';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: PARIS, timeZoneName: 'longOffset' });

/** The calendar date (YYYY-MM-DD) it is in Paris at this instant. */
export function parisDate(now: Date): string {
  return dateFormat.format(now);
}

/** Paris offset from UTC in minutes at this instant (+60 in winter, +120 in summer). */
function parisOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The first instant after the deadline day in Paris (midnight Paris of the next day), as a UTC Date. */
export function phaseClosesAt(deadline: string): Date {
  const [y, mo, d] = deadline.split('-').map(Number);
  const midnightUtc = Date.UTC(y, mo - 1, d + 1);
  // The offset at Paris midnight is the one in force just before it (DST switches happen at 02:00/03:00).
  const guess = new Date(midnightUtc - parisOffsetMinutes(new Date(midnightUtc)) * 60_000);
  return new Date(midnightUtc - parisOffsetMinutes(guess) * 60_000);
}

/** True while the phase accepts submissions: until the end of the later of the deadline and a reopening. */
export function isPhaseOpen(deadline: string, now: Date, reopenedUntil?: string | null): boolean {
  const last = reopenedUntil && reopenedUntil > deadline ? reopenedUntil : deadline;
  return parisDate(now) <= last;
}

/** YYYY-MM-DD in French words, for messages the public reads ("1 septembre 2023"). */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
