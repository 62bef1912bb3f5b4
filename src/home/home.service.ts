import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pilotScope, RequestContext, Role } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { AUDIENCE_INFO, FINAL_TITLES } from '../reports/report-renderer';
import { HomeErrorCode, HomeException } from './home.exception';
import { CallPhase, callPhase, currentPeriod, pilotSummaries, PilotSummary, TodoItem, todoItems } from './home.model';
import * as q from './home.queries';
import * as s from './home-search.queries';
import {
  LeadFilters,
  leadPilotPage,
  PilotInBilan,
  programmeTotals,
  ProgrammeTotals,
  wavesAndBilan,
} from './home-lead.queries';
import { LEAD_PAGE_SIZE } from './home.dto';
import { ProgrammeTotalsCache } from './programme-totals.cache';

export type CallInProgress = {
  id: string;
  title: string;
  waveYear: number;
  phase: CallPhase;
  intentionDeadline: string;
  engagementDeadline: string;
  /** The deadline of the phase open today (null once both phases are closed). */
  deadline: string | null;
  daysLeft: number | null;
  candidatures: number;
  undecided: number;
  evaluations: number;
  evaluatedCandidatures: number;
};

export type CommitteeCall = Omit<CallInProgress, 'evaluations' | 'evaluatedCandidatures'> & { scoredByMe: number };

export type HomeNotification = q.NotificationsRow['latest'][number];

export type Home = {
  role: Role;
  today: string;
  lead?: {
    pilots: PilotSummary[];
    page: { page: number; pageSize: number; total: number };
    totals: ProgrammeTotals;
    waves: number[];
    inBilan: PilotInBilan[];
    calls: CallInProgress[];
  };
  coordinator?: { pilots: (PilotSummary & { todo: TodoItem[] })[] };
  committee?: { calls: CommitteeCall[] };
  reviewer?: { pilots: PilotSummary[] };
  notifications: { unread: number; latest: HomeNotification[] };
};

export type SearchResults = {
  q: string;
  pilots: s.PilotHit[];
  actors: s.ActorHit[];
  activities: s.ActivityHit[];
  candidatures: s.CandidatureHit[];
  reports: (Omit<s.ReportHit, 'issuedAt'> & { issuedAt: string | null })[];
};

const NOTIFICATIONS_SHOWN = 10;
/** Pilots of the lead's « bilan à faire » card; totals.byStage.bilan counts them all. */
const BILAN_SHOWN = 10;

export type LeadPaging = LeadFilters & { page?: number; pageSize?: number };
export const SEARCH_HITS_PER_KIND = 10;

/**
 * Read model of the home pages and the global search: a handful of set-based statements over every pilot
 * in the caller's scope (never one query per pilot), assembled by the pure functions of home.model.ts. Never writes.
 */
@Injectable()
export class HomeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly programme: ProgrammeTotalsCache,
  ) {}

  async home(ctx: RequestContext, paging: LeadPaging = {}, today: string = todayInFrance()): Promise<Home> {
    const user = ctx.user;
    if (!user) throw new HomeException(HomeErrorCode.NotSignedIn, 'Sign in to see your home page');
    const m = this.db.manager;
    const notificationsP = q.notificationsOf(m, user.id, NOTIFICATIONS_SHOWN);
    const base = { role: user.role, today };
    switch (user.role) {
      case 'lead': {
        const { page = 1, pageSize = LEAD_PAGE_SIZE.default, ...filters } = paging;
        // One page of pilots chosen in SQL, then summarised like every home's pilots; the totals span the programme.
        const pageP = leadPilotPage(m, today, filters, page, pageSize).then(async (p) => ({
          total: p.total,
          data: await this.pilots(p.ids, today),
        }));
        // The programme-wide figures grow with the programme: computed once per change of the data, not per view.
        const programmeP = this.programme.read(today, async () => {
          const [totals, { waves, inBilan }] = await Promise.all([
            programmeTotals(m, today),
            wavesAndBilan(m, today, BILAN_SHOWN),
          ]);
          return { totals, waves, inBilan };
        });
        const [chosen, { totals, waves, inBilan }, calls, notifications] = await Promise.all([
          pageP,
          programmeP,
          q.callRows(m, today, user.id),
          notificationsP,
        ]);
        return {
          ...base,
          lead: {
            pilots: pilotSummaries(chosen.data, today),
            page: { page, pageSize, total: chosen.total },
            totals,
            waves,
            inBilan,
            calls: calls.map((c) => toCall(c, today)),
          },
          notifications,
        };
      }
      case 'coordinator': {
        const [data, notifications] = await Promise.all([this.pilots(pilotScope(ctx), today), notificationsP]);
        const pilots = pilotSummaries(data, today).map((p) => ({
          ...p,
          todo: todoItems(
            p,
            data.milestones.filter((x) => x.pilotId === p.id),
            data.waste.filter((x) => x.pilotId === p.id),
            today,
          ),
        }));
        return { ...base, coordinator: { pilots }, notifications };
      }
      case 'reviewer': {
        const [data, notifications] = await Promise.all([this.pilots(pilotScope(ctx), today), notificationsP]);
        return { ...base, reviewer: { pilots: pilotSummaries(data, today) }, notifications };
      }
      case 'committee': {
        const [calls, notifications] = await Promise.all([q.callRows(m, today, user.id), notificationsP]);
        const awaiting = calls
          .filter((c) => c.undecided > 0)
          .map((c) => {
            const { evaluations: _e, evaluatedCandidatures: _v, ...call } = toCall(c, today);
            return { ...call, scoredByMe: c.mine };
          });
        return { ...base, committee: { calls: awaiting }, notifications };
      }
    }
  }

  /** Every row the pilot summaries need: six statements whatever the number of pilots. */
  private async pilots(scope: q.Scope, today: string): Promise<Parameters<typeof pilotSummaries>[0]> {
    const m = this.db.manager;
    const pilotsP = q.pilotRows(m, scope);
    // The activity ranges depend on each pilot's dates: chained on the pilots statement, the rest runs meanwhile.
    const activitiesP = pilotsP.then((ps) =>
      q.activityPeriods(
        m,
        ps.map((p) => currentPeriod(p, today)),
      ),
    );
    const [pilots, ledger, milestones, waste, reports, activities] = await Promise.all([
      pilotsP,
      q.ledgerSums(m, scope),
      q.milestoneRows(m, scope),
      q.wasteRows(m, scope),
      q.issuedReports(m, scope),
      activitiesP,
    ]);
    return { pilots, ledger, milestones, waste, reports, activities };
  }

  /** Case- and accent-insensitive match over what the caller may read: the committee only candidatures, coordinators and reviewers their pilots' rows. */
  async search(ctx: RequestContext, text: string): Promise<SearchResults> {
    const user = ctx.user;
    if (!user) throw new HomeException(HomeErrorCode.NotSignedIn, 'Sign in to search');
    const term = text.trim().replace(/\s+/g, ' ');
    if (term.replace(/[\s%_\\]/g, '').length < 2) {
      throw new HomeException(
        HomeErrorCode.SearchTooShort,
        'The search needs at least 2 characters besides spaces and wildcards',
      );
    }
    const m = this.db.manager;
    const pattern = s.likePattern(term);
    const limit = SEARCH_HITS_PER_KIND;
    const seesPilots = user.role !== 'committee';
    const seesCandidatures = user.role === 'lead' || user.role === 'committee';
    const scope = pilotScope(ctx);
    const titles = {
      pilot: Object.fromEntries(Object.entries(AUDIENCE_INFO).map(([k, v]) => [k, v.title])),
      wave: Object.fromEntries(Object.entries(AUDIENCE_INFO).map(([k, v]) => [k, v.waveTitle])),
      final: FINAL_TITLES,
    };
    const [pilots, actors, activities, candidatures, reports] = await Promise.all([
      seesPilots ? s.searchPilots(m, scope, pattern, limit) : [],
      seesPilots ? s.searchActors(m, scope, pattern, limit) : [],
      seesPilots ? s.searchActivities(m, scope, pattern, limit) : [],
      seesCandidatures ? s.searchCandidatures(m, pattern, limit) : [],
      seesPilots ? s.searchReports(m, scope, pattern, limit, titles) : [],
    ]);
    return {
      q: term,
      pilots,
      actors,
      activities,
      candidatures,
      reports: reports.map((r) => ({ ...r, issuedAt: r.issuedAt ? new Date(r.issuedAt).toISOString() : null })),
    };
  }
}

function toCall(c: q.CallRow, today: string): CallInProgress {
  const { phase, deadline, daysLeft } = callPhase(c, today);
  return {
    id: c.id,
    title: c.title,
    waveYear: c.waveYear,
    phase,
    intentionDeadline: c.intentionDeadline,
    engagementDeadline: c.engagementDeadline,
    deadline,
    daysLeft,
    candidatures: c.candidatures,
    undecided: c.undecided,
    evaluations: c.evaluations,
    evaluatedCandidatures: c.evaluatedCandidatures,
  };
}
