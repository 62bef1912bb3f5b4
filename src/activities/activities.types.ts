import type { ActivityType, ActorType, DivertedStream, ParticipationLevel, Policy } from '../common/codes';

export type DivertedKg = Record<DivertedStream, number>;

/** A photo as lists and details show it; `url` serves the image to anyone who may read the activity. */
export type ActivityPhotoRef = { id: string; url: string; width: number; height: number };

/** What an upload answers. */
export type ActivityPhotoInfo = ActivityPhotoRef & { mime: 'image/jpeg' | 'image/webp'; locationKept: boolean };

export type Activity = {
  id: string;
  pilotId: string;
  date: string;
  title: string;
  type: ActivityType;
  policies: Policy[];
  participants: number;
  volunteers: number;
  volunteerHours: number;
  participationLevel: ParticipationLevel | null;
  divertedKg: DivertedKg & { total: number };
  notes: string | null;
  actorIds: string[];
  actors: { id: string; name: string; type: ActorType }[];
  /** 1, 2, 3… from the pilot's start date; 0 in preparation; null without a start date. */
  projectYear: number | null;
  /** Ordered by position, at most MAX_PHOTOS_PER_ACTIVITY. */
  photos: ActivityPhotoRef[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CreateActivityInput = {
  date: string;
  title: string;
  type: ActivityType;
  /** Defaults to ['waste_reduction']. */
  policies?: Policy[];
  participants: number;
  volunteers?: number;
  volunteerHours?: number;
  actorIds?: string[];
  participationLevel?: ParticipationLevel | null;
  divertedKg?: Partial<DivertedKg>;
  notes?: string | null;
};

export type UpdateActivityInput = Partial<CreateActivityInput>;

export type ActivityFilters = {
  from?: string;
  to?: string;
  policy?: Policy;
  type?: ActivityType;
  limit?: number;
  cursor?: string;
};

export type ActivityFigures = {
  activities: number;
  participants: number;
  volunteers: number;
  volunteerHours: number;
  divertedKg: { reuse: number; repair: number; compost: number; recycling: number; other: number; total: number };
  byPolicy: { policy: string; activities: number; participants: number }[];
  byType: { type: string; activities: number; participants: number }[];
  byMonth: { month: string /* YYYY-MM */; policy: string; activities: number; participants: number }[];
  /** Actors with a contribution (of the project years the range touches) or involved in an activity in the range. */
  activeActors: number;
  contributions: number;
  contributionsValueCents: number;
  contributionHours: number;
};

export type FiguresPeriod = { year: number | null; from: string; to: string; figures: ActivityFigures };

/** GET /api/pilots/:id/overview */
export type PilotOverview = {
  pilotId: string;
  today: string;
  startDate: string | null;
  lifeStart: string;
  currentProjectYear: number | null;
  /** The current project year (year 0: preparation before the start; year null: no start date yet, the whole life). */
  current: FiguresPeriod;
  /** Each project year 1…operatingYears (empty before a start date is set). */
  years: FiguresPeriod[];
  /** From the first allowed date to today. */
  total: FiguresPeriod;
  charts: {
    /** Activities and participants per month and policy, over the pilot's whole life. */
    byMonth: ActivityFigures['byMonth'];
    contributionsByActorType: {
      type: ActorType;
      actors: number;
      contributions: number;
      valueCents: number;
      hours: number;
    }[];
  };
  counts: { actors: number; links: number; contributions: number; activities: number };
};
