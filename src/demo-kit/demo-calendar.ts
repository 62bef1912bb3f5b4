import { todayInFrance } from '../common/codes';
import { PROGRAMME_DEFAULTS } from '../common/programme';
import { addMonths } from '../pilots/pilot-terms';

/** The demo tells the story of the 2023 call, whose pilot started on 15 November 2023; its dates are written so. */
const STORY_START = '2023-11-15';

/**
 * How long before the day of seeding the demo pilot started: in its second project year, the first one closed
 * and reported, and every activity and ledger entry of the story already in the past.
 */
export const DEMO_MONTHS_RUNNING = 20;

export type DemoCalendar = {
  /** The demo pilot's start date. */
  start: string;
  /** A date of the story (YYYY-MM-DD), moved by whole months (the day kept, within the month's length). */
  date: (storyDate: string) => string;
  /** An instant of the story (ISO 8601), moved the same way. */
  instant: (storyInstant: string) => string;
  /** A text holding `{y}` (a reference number, a title), with the year of the story date it belongs to. */
  withYear: (template: string, storyDate: string) => string;
  /** The calendar year matching a year of the story (waste figures are per calendar year). */
  year: (storyYear: number) => number;
};

/** The demo's calendar as of `today`: the story moved so that its pilot started DEMO_MONTHS_RUNNING months ago. */
export function demoCalendar(today: string = todayInFrance()): DemoCalendar {
  const [ty, tm] = today.split('-').map(Number);
  const [sy, sm] = STORY_START.split('-').map(Number);
  const shift = ty * 12 + (tm - 1) - DEMO_MONTHS_RUNNING - (sy * 12 + (sm - 1));
  const date = (d: string) => addMonths(d, shift);
  const start = date(STORY_START);
  return {
    start,
    date,
    instant: (i) => `${date(i.slice(0, 10))}${i.slice(10)}`,
    withYear: (template, d) => template.replaceAll('{y}', date(d).slice(0, 4)),
    year: (y) => y + Number(start.slice(0, 4)) - sy,
  };
}

/** The second demo pilot's three operating years ended this many months before the day of seeding. */
export const DEMO_BILAN_MONTHS_ENDED = 3;

/**
 * The second demo pilot's start: the first of a month, its `operatingYears` ended DEMO_BILAN_MONTHS_ENDED months
 * before `today`, so it is always in « bilan » (the final report and the closing decision due).
 */
export function demoBilanStart(
  today: string = todayInFrance(),
  operatingYears: number = PROGRAMME_DEFAULTS.operatingYears,
): string {
  return addMonths(`${today.slice(0, 7)}-01`, -(operatingYears * 12 + DEMO_BILAN_MONTHS_ENDED));
}
