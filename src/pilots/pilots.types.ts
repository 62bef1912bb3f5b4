import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/auth.types';
import type { ActorType, PilotStatus } from '../common/codes';
import type { Amendment, PilotStage } from './pilot-terms';

export type CreatePilotInput = {
  name: string;
  communes: { name: string; inseeCode?: string }[];
  inhabitants: number;
  inhabitantsSource?: string | null;
  startDate?: string | null;
  callId?: string | null;
  candidatureId?: string | null;
  waveYear?: number | null;
  /** Defaults: PROGRAMME_DEFAULTS (src/common/programme.ts). */
  investmentPerInhabitantCents?: number;
  operatingPerInhabitantPerYearCents?: number;
  operatingYears?: number;
  policies?: string[];
  district?: string | null;
  place?: string | null;
  coordinatorContact?: string | null;
  /** Everything else carried over from the candidature (needs, risks, mitigations…). */
  carried?: Record<string, unknown>;
  actors?: { name: string; type: ActorType; description?: string | null; contact?: string | null }[];
  /** Defaults to 'running' when the start date is today or past, else 'preparation'. */
  status?: PilotStatus;
};

export type Expert = { name: string; organisation?: string | null; email?: string | null };

export type UpdatePilotInput = {
  name?: string;
  startDate?: string | null;
  status?: PilotStatus;
  place?: string | null;
  district?: string | null;
  inhabitantsSource?: string | null;
  experts?: Expert[];
};

export type ProjectYear = { year: number; from: string; to: string };

export type PilotMember = {
  userId: string;
  role: 'coordinator' | 'reviewer';
  name: string;
  email: string;
  createdAt: string;
};

/** The GET /api/pilots/:id JSON. */
export type Pilot = {
  id: string;
  name: string;
  callId: string | null;
  candidatureId: string | null;
  waveYear: number | null;
  communes: { name: string; inseeCode?: string }[];
  /** The figure at creation; see inhabitantsInForce and amendments. */
  inhabitants: number;
  inhabitantsSource: string | null;
  startDate: string | null;
  status: PilotStatus;
  district: string | null;
  place: string | null;
  investmentPerInhabitantCents: number;
  operatingPerInhabitantPerYearCents: number;
  operatingYears: number;
  policies: string[];
  leadUserId: string | null;
  lead: { id: string; name: string; email: string } | null;
  experts: Expert[];
  coordinatorContact: string | null;
  carried: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** The inhabitants figure in force today. */
  inhabitantsInForce: number;
  /** 1, 2, 3… today; 0 before the start date; null without one. May exceed operatingYears after the programme. */
  currentProjectYear: number | null;
  projectYears: ProjectYear[];
  /** First date an activity may carry (see pilotLifeStart). */
  lifeStart: string;
  amendments: (Amendment & { createdBy: string | null })[];
  members: PilotMember[];
  /** The status, or « bilan » after the last operating year until the lead closes the pilot. */
  stage: PilotStage;
  /** The last day of the last operating year; null without a start date. */
  programmeEnd: string | null;
  closure: PilotClosure | null;
};

/** The lead's closing decision after the last operating year. */
export type PilotClosure = {
  outcome: 'autonomous' | 'ended';
  decidedOn: string;
  reason: string;
  decidedBy: { id: string; name: string } | null;
};

export type PilotSummary = {
  id: string;
  name: string;
  communes: { name: string; inseeCode?: string }[];
  waveYear: number | null;
  status: PilotStatus;
  startDate: string | null;
  district: string | null;
  place: string | null;
  inhabitantsInForce: number;
  currentProjectYear: number | null;
  stage: PilotStage;
};

export type PilotFilters = { status?: PilotStatus; waveYear?: number; limit?: number; cursor?: string };

/** Called in the transaction that gives a pilot its start date (creation or first PATCH of startDate). */
export type PilotStartListener = (ctx: RequestContext, pilotId: string, m: EntityManager) => Promise<unknown>;
