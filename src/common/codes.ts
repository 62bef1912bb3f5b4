import { formatInTimeZone } from 'date-fns-tz';
/** The API's enumerations (docs/api.md "Enumerations"); the client shows French labels for them. */
export const POLICIES = [
  'waste_reduction',
  'education',
  'health',
  'food',
  'culture',
  'economic_development',
  'social_inclusion',
  'ageing_well',
  'village_revitalisation',
  'other',
] as const;
export type Policy = (typeof POLICIES)[number];

export const ACTIVITY_TYPES = [
  'workshop',
  'event',
  'repair_cafe',
  'collection',
  'training',
  'governance_meeting',
  'communication',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTOR_TYPES = ['public', 'private', 'associative', 'citizen'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const CONTRIBUTION_KINDS = ['skills', 'land', 'people', 'equipment', 'money', 'activities'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const PARTICIPATION_LEVELS = ['information', 'consultation', 'concertation', 'codecision'] as const;
export type ParticipationLevel = (typeof PARTICIPATION_LEVELS)[number];

export const DIVERTED_STREAMS = ['reuse', 'repair', 'compost', 'recycling', 'other'] as const;
export type DivertedStream = (typeof DIVERTED_STREAMS)[number];

export const PILOT_STATUSES = ['preparation', 'running', 'autonomous', 'ended'] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];

/** 'YYYY-MM-DD' that is a real calendar date. */
export const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isCalendarDate(value: string): boolean {
  if (!DATE_ONLY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today's date in France (where activities happen): an event logged at 00:30 in Paris is not "in the future". */
export function todayInFrance(now: Date = new Date()): string {
  return formatInTimeZone(now, 'Europe/Paris', 'yyyy-MM-dd');
}
