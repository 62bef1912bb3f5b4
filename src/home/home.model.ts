import { computeYearIndicators, evaluateTarget } from '../autonomy/indicators';
import { isLate } from '../autonomy/milestones';
import type { PilotStatus } from '../common/codes';
import { computeFunding, CoreEntry, Fund, FundBalance, InstalmentStatus } from '../funding/entitlements';
import {
  addDays,
  inhabitantsAt,
  pilotLifeStart,
  pilotStage,
  PilotStage,
  PilotTerms,
  projectYearOf,
  projectYearRange,
  projectYears,
} from '../pilots/pilot-terms';
import { StoredWasteYear, wasteFigures, wasteYearBounds } from '../waste/waste';
import type {
  ActivityPeriodRow,
  IssuedReportRow,
  LedgerSumRow,
  MilestoneRow,
  PeriodRange,
  PilotRow,
  WasteRow,
} from './home.queries';

/**
 * The home pages' arithmetic, pure: the rows of home.queries.ts go in, the figures come out, computed by the
 * very functions the pilot pages use (funding, project years, milestones, waste), so both show the same numbers.
 */

/** How far ahead a milestone or the end of a project year shows in a coordinator's to-do list (as the reminders). */
export const TODO_HORIZON_DAYS = 30;

export type BalanceSummary = Pick<FundBalance, 'entitledCents' | 'disbursedCents' | 'spentCents' | 'availableCents'>;

export type AutonomyYear = {
  year: number;
  /** Share of the year's operating resources not coming from Smicval, as on the funding page; null when nothing was recorded. */
  ratio: number | null;
  /** The pilot's milestone target on the autonomy ratio for this year, if any. */
  target: { operator: 'gte' | 'lte'; value: number } | null;
  /** null while the year has not started or has no data. */
  targetMet: boolean | null;
};

export type DueInstalment = {
  fund: Fund;
  year: number;
  dueDate: string;
  remainingCents: number;
  status: InstalmentStatus;
};

export type PeriodFigures = {
  /** Project year (0 = preparation before the start; null = no start date yet, the whole life so far). */
  year: number | null;
  from: string;
  to: string;
  activities: number;
  participants: number;
  volunteers: number;
  volunteerHours: number;
  divertedKg: number;
};

export type IssuedReport = {
  id: string;
  year: number;
  audience: 'ademe' | 'coopter' | 'board';
  version: number;
  issuedAt: string;
};

export type PilotSummary = {
  id: string;
  name: string;
  status: PilotStatus;
  /** The status, or « bilan » once the last operating year is over and the lead has not yet closed the pilot. */
  stage: PilotStage;
  waveYear: number | null;
  callId: string | null;
  callTitle: string | null;
  communes: string[];
  /** In force today (amendments included). */
  inhabitants: number;
  startDate: string | null;
  /** 1, 2, 3… today; 0 before the start; null without a start date. */
  projectYear: number | null;
  operatingYears: number;
  funding: {
    investment: BalanceSummary;
    operating: BalanceSummary;
    totals: { entitledCents: number; disbursedCents: number; spentCents: number };
  };
  autonomy: AutonomyYear[];
  /** The ratio of the current project year, else of the latest year with data. */
  autonomyRatio: number | null;
  /** Latest calendar year with a residual figure and its change against the baseline (-0.1 = 10 % less). */
  residualChangeVsBaseline: number | null;
  residualYear: number | null;
  lateMilestones: { id: string; title: string; dueDate: string }[];
  instalmentsDue: DueInstalment[];
  thisYear: PeriodFigures;
  lastActivity: { id: string; date: string; title: string; type: string } | null;
  latestReports: IssuedReport[];
};

export function termsOf(p: PilotRow): PilotTerms {
  return {
    pilotId: p.id,
    name: p.name,
    startDate: p.startDate,
    initialInhabitants: p.initialInhabitants,
    amendments: p.amendments,
    investmentPerInhabitantCents: p.investmentPerInhabitantCents,
    operatingPerInhabitantPerYearCents: p.operatingPerInhabitantPerYearCents,
    operatingYears: p.operatingYears,
  };
}

/** The date range of the pilot overview's "current" period (ActivitiesService.overview). */
export function currentPeriod(
  p: Pick<PilotRow, 'id' | 'startDate' | 'createdDate'>,
  today: string,
): PeriodRange & { year: number | null } {
  const lifeStart = pilotLifeStart(p.startDate, p.createdDate);
  if (!p.startDate) return { pilotId: p.id, year: null, from: lifeStart, to: today };
  const year = projectYearOf(p.startDate, today)!;
  if (year === 0) return { pilotId: p.id, year: 0, from: lifeStart, to: addDays(p.startDate, -1) };
  return { pilotId: p.id, year, ...projectYearRange(p.startDate, year) };
}

function groupBy<T extends { pilotId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.pilotId);
    if (list) list.push(r);
    else map.set(r.pilotId, [r]);
  }
  return map;
}

/** Aggregated ledger sums as entries: the maths only adds active entries, so a sum per key gives the same figures. */
function coreEntries(rows: LedgerSumRow[]): CoreEntry[] {
  return rows.map((r, i) => ({
    id: `sum-${i}`,
    type: r.type,
    fund: r.fund,
    year: r.year,
    amountCents: Number(r.amountCents),
    sourceKind: r.sourceKind,
    reversesEntryId: null,
  }));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export type HomeRows = {
  pilots: PilotRow[];
  ledger: LedgerSumRow[];
  activities: ActivityPeriodRow[];
  milestones: MilestoneRow[];
  waste: WasteRow[];
  reports: IssuedReportRow[];
};

export function pilotSummaries(rows: HomeRows, today: string): PilotSummary[] {
  const ledger = groupBy(rows.ledger);
  const activities = new Map(rows.activities.map((a) => [a.pilotId, a]));
  const milestones = groupBy(rows.milestones);
  const waste = groupBy(rows.waste);
  const reports = groupBy(rows.reports);
  return rows.pilots.map((p) => {
    const terms = termsOf(p);
    const funding = computeFunding(terms, coreEntries(ledger.get(p.id) ?? []), today);
    const ms = milestones.get(p.id) ?? [];
    const years = projectYears(p.startDate, p.operatingYears);
    const autonomy: AutonomyYear[] = years.map((y) => {
      const ratio = funding.years.find((f) => f.year === y.year)?.autonomyRatio ?? null;
      const t = ms.find(
        (m) => m.targetIndicator === 'autonomyRatio' && m.targetYear === y.year && m.status !== 'dropped',
      );
      const target =
        t && t.targetOperator && t.targetValue !== null
          ? { operator: t.targetOperator, value: Number(t.targetValue) }
          : null;
      const indicators = computeYearIndicators({ ...y, autonomyRatio: ratio, activity: null, waste: null }, today);
      const targetMet = target
        ? evaluateTarget({ indicator: 'autonomyRatio', year: y.year, ...target }, [indicators]).met
        : null;
      return { year: y.year, ratio, target, targetMet };
    });
    const projectYear = projectYearOf(p.startDate, today);
    const current = autonomy.find((a) => a.year === projectYear)?.ratio ?? null;
    const latest = [...autonomy].reverse().find((a) => a.ratio !== null)?.ratio ?? null;
    const stored: StoredWasteYear[] = (waste.get(p.id) ?? []).map((w) => ({
      year: w.year,
      population: w.population,
      kg: {
        residual: w.residual,
        packaging: w.packaging,
        glass: w.glass,
        biowaste: w.biowaste,
        recyclingCentre: w.recyclingCentre,
        reuse: w.reuse,
      },
      updatedAt: new Date(w.updatedAt).toISOString(),
    }));
    const lastResidual = [...wasteFigures(terms, stored).years]
      .reverse()
      .find((y) => y.residualChangeVsBaseline !== null);
    const period = currentPeriod(p, today);
    const a = activities.get(p.id);
    return {
      id: p.id,
      name: p.name,
      status: p.status,
      stage: pilotStage(p, today),
      waveYear: p.waveYear,
      callId: p.callId,
      callTitle: p.callTitle,
      communes: p.communes.map((c) => c.name),
      inhabitants: inhabitantsAt(terms, today),
      startDate: p.startDate,
      projectYear,
      operatingYears: p.operatingYears,
      funding: {
        investment: balance(funding.balances.investment),
        operating: balance(funding.balances.operating),
        totals: {
          entitledCents: funding.totals.entitledCents,
          disbursedCents: funding.totals.disbursedCents,
          spentCents: funding.totals.spentCents,
        },
      },
      autonomy,
      autonomyRatio: current ?? latest,
      residualChangeVsBaseline: lastResidual?.residualChangeVsBaseline ?? null,
      residualYear: lastResidual?.year ?? null,
      lateMilestones: ms.filter((m) => isLate(m, today)).map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate })),
      instalmentsDue: funding.schedule
        .filter((s) => s.dueDate !== null && s.dueDate <= today && s.remainingCents > 0)
        .map((s) => ({
          fund: s.fund,
          year: s.year,
          dueDate: s.dueDate as string,
          remainingCents: s.remainingCents,
          status: s.status,
        })),
      thisYear: {
        year: period.year,
        from: period.from,
        to: period.to,
        activities: a?.activities ?? 0,
        participants: a?.participants ?? 0,
        volunteers: a?.volunteers ?? 0,
        volunteerHours: round2(a?.volunteerHours ?? 0),
        divertedKg: round2(a?.divertedKg ?? 0),
      },
      lastActivity: a?.lastId
        ? { id: a.lastId, date: a.lastDate as string, title: a.lastTitle as string, type: a.lastType as string }
        : null,
      latestReports: (reports.get(p.id) ?? []).map((r) => ({
        id: r.id,
        year: r.year,
        audience: r.audience,
        version: r.version,
        issuedAt: new Date(r.issuedAt).toISOString(),
      })),
    };
  });
}

function balance(b: FundBalance): BalanceSummary {
  return {
    entitledCents: b.entitledCents,
    disbursedCents: b.disbursedCents,
    spentCents: b.spentCents,
    availableCents: b.availableCents,
  };
}

export type CallPhase = 'intention' | 'engagement' | 'selection';

/** Where a call stands today: a phase still open for letters, or the committee's selection after both deadlines. */
export function callPhase(
  c: { intentionDeadline: string; engagementDeadline: string },
  today: string,
): { phase: CallPhase; deadline: string | null; daysLeft: number | null } {
  const days = (d: string) =>
    Math.round((Date.parse(`${d}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (today <= c.intentionDeadline)
    return { phase: 'intention', deadline: c.intentionDeadline, daysLeft: days(c.intentionDeadline) };
  if (today <= c.engagementDeadline)
    return { phase: 'engagement', deadline: c.engagementDeadline, daysLeft: days(c.engagementDeadline) };
  return { phase: 'selection', deadline: null, daysLeft: null };
}

export type TodoKind = 'milestone_late' | 'milestone_due' | 'waste_missing' | 'report_due' | 'instalment_due';

export type TodoItem = { kind: TodoKind; pilotId: string; title: string; dueDate: string | null; link: string };

/**
 * A coordinator's "à faire": late milestones and those due soon, calendar years whose waste figures are
 * missing (baseline year included, the current year excluded since it is not over), project years ended or
 * ending soon without an issued report, and Smicval instalments due (so they can chase them).
 */
export function todoItems(p: PilotSummary, milestones: MilestoneRow[], waste: WasteRow[], today: string): TodoItem[] {
  const items: TodoItem[] = [];
  const horizon = addDays(today, TODO_HORIZON_DAYS);
  for (const m of milestones) {
    if (isLate(m, today))
      items.push({
        kind: 'milestone_late',
        pilotId: p.id,
        title: m.title,
        dueDate: m.dueDate,
        link: `/pilotes/${p.id}/autonomie`,
      });
    else if (m.status !== 'done' && m.status !== 'dropped' && m.dueDate <= horizon)
      items.push({
        kind: 'milestone_due',
        pilotId: p.id,
        title: m.title,
        dueDate: m.dueDate,
        link: `/pilotes/${p.id}/autonomie`,
      });
  }
  const bounds = wasteYearBounds({ startDate: p.startDate, operatingYears: p.operatingYears });
  if (bounds) {
    const currentYear = Number(today.slice(0, 4));
    const have = new Set(waste.filter((w) => w.residual !== null).map((w) => w.year));
    for (let y = bounds.baselineYear; y <= Math.min(bounds.lastYear, currentYear - 1); y++) {
      if (!have.has(y))
        items.push({
          kind: 'waste_missing',
          pilotId: p.id,
          title: `Tonnages de déchets ${y}`,
          dueDate: null,
          link: `/pilotes/${p.id}/autonomie`,
        });
    }
  }
  const issuedYears = new Set(p.latestReports.map((r) => r.year));
  for (const y of projectYears(p.startDate, p.operatingYears)) {
    if (y.from > today || y.to > horizon || issuedYears.has(y.year)) continue;
    items.push({
      kind: 'report_due',
      pilotId: p.id,
      title: `Rapport annuel — année ${y.year}`,
      dueDate: y.to,
      // What a coordinator can do for it: write their part of the year's narrative.
      link: `/pilotes/${p.id}/rapports?recit=${y.year}`,
    });
  }
  for (const i of p.instalmentsDue) {
    items.push({
      kind: 'instalment_due',
      pilotId: p.id,
      title: `Versement ${i.fund === 'investment' ? "d'investissement" : 'de fonctionnement'} — année ${i.year}`,
      dueDate: i.dueDate,
      link: `/pilotes/${p.id}/financement`,
    });
  }
  const rank: Record<TodoKind, number> = {
    milestone_late: 0,
    instalment_due: 1,
    report_due: 2,
    milestone_due: 3,
    waste_missing: 4,
  };
  return items.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
}
