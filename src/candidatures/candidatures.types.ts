import type { ActorType, ParticipationLevel, Policy } from '../common/codes';

export const CANDIDATURE_STATUSES = [
  'intention_submitted',
  'engagement_submitted',
  'selected',
  'not_selected',
  'withdrawn',
] as const;
export type CandidatureStatus = (typeof CANDIDATURE_STATUSES)[number];

export const DECISIONS = ['selected', 'not_selected', 'withdrawn'] as const;
export type Decision = (typeof DECISIONS)[number];

export const PHASES = ['intention', 'engagement'] as const;
export type Phase = (typeof PHASES)[number];

/** The seven selection criteria of the call, each scored 0–5. */
export const CRITERIA = ['size', 'grouping', 'cooperation', 'actors', 'values', 'capacity', 'leadership'] as const;
export type Criterion = (typeof CRITERIA)[number];
export type Scores = Record<Criterion, number>;

export type Commune = { name: string; inseeCode?: string };
export type Intention = { specifics: string; values: string; stakes: string; zeroWasteCommune: boolean };
export type CandidatureActor = { name: string; type: ActorType; canBring?: string };
export type Engagement = {
  hybridPolicies: Policy[];
  articulation: string;
  description: string;
  contribution: string;
  actors: CandidatureActor[];
  contributions: string;
  existingLinks: string;
  citizenInvolvement: ParticipationLevel;
  involvementPoints: string;
  district: string;
  place: string;
  coordinator: string;
  communeCommitment: string;
  needs: string;
  risks: string;
  mitigations: string;
  resources: string;
};

export type Webinar = { date: string; startTime?: string; endTime?: string };

/** When members may score: after the engagement deadline, or per candidature once its letter is in. */
export const SCORING_OPENS = ['after_engagement_deadline', 'per_candidature'] as const;
export type ScoringOpens = (typeof SCORING_OPENS)[number];

/** Where a call stands: letters of intention, letters of engagement, the committee, or closed once all is decided. */
export const CALL_STATUSES = ['intention', 'engagement', 'selection', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export type Call = {
  id: string;
  title: string;
  waveYear: number;
  intentionDeadline: string;
  engagementDeadline: string;
  intentionClosesAt: string;
  engagementClosesAt: string;
  intentionOpen: boolean;
  engagementOpen: boolean;
  minInhabitants: number;
  maxInhabitants: number;
  investmentPerInhabitantCents: number;
  operatingPerInhabitantPerYearCents: number;
  operatingYears: number;
  webinars: Webinar[];
  contact: string | null;
  candidatureCount: number;
  undecidedCount: number;
  status: CallStatus;
  scoringOpens: ScoringOpens;
  rubric: Record<Criterion, string[]>;
  /** Years after the decision a non-selected candidature keeps its personal data (then the retention job erases it). */
  retentionYears: number;
  createdAt: string;
};

export type Eligibility = { inBounds: boolean; minInhabitants: number; maxInhabitants: number; inhabitants: number };

export type ScoreStats = {
  averageScore: number | null;
  spread: number | null;
  evaluationCount: number;
  committeeSize: number;
};

/** Server-only options: the demo seeder and tests of the clock pass `now`; HTTP controllers never do. */
export type ClockOptions = { now?: Date };
