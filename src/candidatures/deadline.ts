/**
 * Phase deadlines are calendar dates in Europe/Paris: a phase stays open until 23:59:59 Paris time on its
 * deadline date, whatever the season (CET in winter, CEST in summer). Pure functions, unit-tested.
 */
import { fromZonedTime } from 'date-fns-tz';
import { addDays } from '../pilots/pilot-terms';
import { todayInFrance } from '../common/codes';

/** The first instant after the deadline day in Paris (midnight Paris of the next day), as a UTC Date. */
export function phaseClosesAt(deadline: string): Date {
  return fromZonedTime(`${addDays(deadline, 1)}T00:00:00`, 'Europe/Paris');
}

/** True while the phase accepts submissions: until the end of the later of the deadline and a reopening. */
export function isPhaseOpen(deadline: string, now: Date, reopenedUntil?: string | null): boolean {
  const last = reopenedUntil && reopenedUntil > deadline ? reopenedUntil : deadline;
  return todayInFrance(now) <= last;
}
