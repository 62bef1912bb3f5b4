/**
 * The pilot's terms as every other feature needs them (funding, indicators, reports): pure data and pure
 * functions, so the maths can be unit-tested. PilotsService.terms(pilotId) loads them.
 */
export type Amendment = { id: string; inhabitants: number; effectiveDate: string; reason: string; createdAt: string };

export type PilotTerms = {
  pilotId: string;
  name: string;
  /** Convention start (YYYY-MM-DD); null while in preparation. Project year 1 starts on it. */
  startDate: string | null;
  /** Figure at creation; amendments override it from their effective date on. */
  initialInhabitants: number;
  amendments: Amendment[];
  investmentPerInhabitantCents: number;
  operatingPerInhabitantPerYearCents: number;
  operatingYears: number;
};

/**
 * YYYY-MM-DD arithmetic in UTC, no time zones involved. Kept by hand rather than date-fns: these are calendar
 * dates with no instant behind them (date-fns works on Date objects in the process's local zone), and they run
 * for every pilot of the lead's home on each view. Time-zone questions go through date-fns-tz (codes.ts, deadline.ts).
 */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(4, 10);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  // 29 February + 1 year → 28 February, not 1 March. (By hand, no Date: it runs for every activity a report lists.)
  return `${String(y).padStart(4, '0')}${monthDay === '-02-29' && !leap ? '-02-28' : monthDay}`;
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/**
 * The inhabitants figure in force on a date: the latest amendment effective on or before it (on the same
 * effective date, the one recorded last), else the initial figure.
 */
export function inhabitantsAt(terms: Pick<PilotTerms, 'initialInhabitants' | 'amendments'>, date: string): number {
  const inForce = terms.amendments
    .filter((a) => a.effectiveDate <= date)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.createdAt.localeCompare(b.createdAt));
  return inForce.length > 0 ? inForce[inForce.length - 1].inhabitants : terms.initialInhabitants;
}

/** Project year y (1-based) runs from startDate + (y-1) years to the day before startDate + y years. */
export function projectYearRange(startDate: string, year: number): { from: string; to: string } {
  return { from: addYears(startDate, year - 1), to: addDays(addYears(startDate, year), -1) };
}

/** Which project year a date falls in (1, 2, …), 0 before the start, null without a start date. */
export function projectYearOf(startDate: string | null, date: string): number | null {
  if (!startDate) return null;
  if (date < startDate) return 0;
  let y = 1;
  while (addYears(startDate, y) <= date) y++;
  return y;
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Activities may be logged from this many months before the pilot's life starts: the preparation between
 * the committee's selection and the convention (workshops with the inhabitants, the first governance meeting).
 */
export const PREPARATION_MONTHS = 6;

/**
 * The first date an activity (or a preparation contribution) may carry: six months before the earlier of
 * the convention start and the pilot's creation on the platform. Nothing may be dated in the future.
 */
export function pilotLifeStart(startDate: string | null, createdDate: string): string {
  const anchor = startDate && startDate < createdDate ? startDate : createdDate;
  return addMonths(anchor, -PREPARATION_MONTHS);
}

/** The project years 1…operatingYears with their date ranges (none before a start date is set). */
export function projectYears(
  startDate: string | null,
  operatingYears: number,
): { year: number; from: string; to: string }[] {
  if (!startDate) return [];
  return Array.from({ length: operatingYears }, (_, i) => ({ year: i + 1, ...projectYearRange(startDate, i + 1) }));
}

/**
 * The project years a date range touches (for contributions, which carry a year rather than a date);
 * a range before the start counts as year 1, the year preparation contributions are filed under.
 * Null without a start date: every year.
 */
export function projectYearsOverlapping(startDate: string | null, from: string, to: string): number[] | null {
  if (!startDate) return null;
  const first = Math.max(1, projectYearOf(startDate, from) ?? 1);
  const last = Math.max(1, projectYearOf(startDate, to) ?? 1);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The last day of the programme's last operating year; null without a start date. */
export function programmeEnd(startDate: string | null, operatingYears: number): string | null {
  return startDate ? projectYearRange(startDate, operatingYears).to : null;
}

/**
 * Where a pilot stands: its status, except that a pilot still « en cours » after its last operating year is in
 * « bilan » (the final report and the lead's closing decision are due) until the lead closes it.
 */
export const PILOT_STAGES = ['preparation', 'running', 'bilan', 'autonomous', 'ended'] as const;
export type PilotStage = (typeof PILOT_STAGES)[number];

export function pilotStage(
  p: { status: 'preparation' | 'running' | 'autonomous' | 'ended'; startDate: string | null; operatingYears: number },
  today: string,
): PilotStage {
  if (p.status === 'autonomous' || p.status === 'ended') return p.status;
  const end = programmeEnd(p.startDate, p.operatingYears);
  if (end && today > end) return 'bilan';
  return p.status;
}
