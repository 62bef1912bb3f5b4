import { Injectable, Logger } from '@nestjs/common';
import { ActivitiesService } from '../activities/activities.service';
import { ActorsService } from '../actors/actors.service';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { AutonomyService } from '../autonomy/autonomy.service';
import { FundingService, LedgerEntry } from '../funding/funding.service';
import { addDays, projectYearRange } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { WASTE_STREAMS } from '../waste/waste';
import { WasteService } from '../waste/waste.service';
import { fundingSectionOf, sumBy } from './report-funding-section';
import type {
  ActivitiesSection,
  ActorsSection,
  AutonomySection,
  FundingSection,
  IndicatorUnit,
  KeyFigures,
  Section,
  Unavailable,
  WasteReference,
  WasteSection,
} from './report.types';

// Service calls, not HTTP: large pages keep a national-scale year to a few round trips.
const PAGE = 5000;
/** The most photos a yearly report prints (a two-row grid). */
export const REPORT_PHOTOS = 6;

/** A year's activities are read in this many date ranges at once, then put back in order. */
const ACTIVITY_RANGES = 4;

/** French order for titles, one collator for every comparison (sorting thousands of activities). */
const collate = new Intl.Collator('fr').compare;

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Runs one section's gathering; a missing or failing feature becomes an explicit "non disponible". */
export async function section<T>(
  name: string,
  logger: Logger,
  gather: () => Promise<T | Unavailable>,
): Promise<Section<T>> {
  try {
    const data = await gather();
    if (data && typeof data === 'object' && 'available' in data && (data as Unavailable).available === false)
      return data as Unavailable;
    return { available: true, ...(data as T) };
  } catch (e) {
    logger.warn(`Report section ${name} unavailable: ${e instanceof Error ? e.message : String(e)}`);
    return { available: false, reason: `la rubrique « ${name} » n'a pas pu être calculée` };
  }
}

/** A period cut into `n` consecutive date ranges of about the same length (fewer when it is shorter). */
export function splitPeriod(period: { from: string; to: string }, n: number): { from: string; to: string }[] {
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
  const size = Math.ceil(days / Math.max(1, n));
  const out: { from: string; to: string }[] = [];
  for (let offset = 0; offset < days; offset += size) {
    const to = addDays(period.from, Math.min(offset + size, days) - 1);
    out.push({ from: addDays(period.from, offset), to });
  }
  return out;
}

/**
 * Each section of a report, read only through the other features' exported services (one method a section).
 * Rendering never reads anything else, so the snapshot built from them is the report's whole truth.
 */
@Injectable()
export class ReportSectionsService {
  readonly logger = new Logger('ReportSnapshot');

  constructor(
    private readonly pilots: PilotsService,
    private readonly fundingService: FundingService,
    private readonly activitiesService: ActivitiesService,
    private readonly actorsService: ActorsService,
    private readonly wasteService: WasteService,
    private readonly autonomyService: AutonomyService,
  ) {}

  private async ledgerOfYear(pilotId: string, year: number): Promise<LedgerEntry[]> {
    const all: LedgerEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.fundingService.entries(pilotId, { year, limit: PAGE, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all.sort((a, b) => a.seq - b.seq);
  }

  async funding(pilotId: string, year: number): Promise<FundingSection> {
    const [summary, entries] = await Promise.all([
      this.fundingService.summary(pilotId),
      this.ledgerOfYear(pilotId, year),
    ]);
    return fundingSectionOf(summary, entries, year);
  }

  /** Every activity of a date range, through the activities' list, page by page. */
  private async activitiesOf(pilotId: string, range: { from: string; to: string }) {
    const list: ActivitiesSection['list'] = [];
    let cursor: string | undefined;
    do {
      const page = await this.activitiesService.list(pilotId, { from: range.from, to: range.to, limit: PAGE, cursor });
      for (const a of page.items) {
        list.push({
          date: a.date,
          title: a.title,
          type: a.type,
          policies: [...a.policies],
          participants: a.participants,
          volunteers: a.volunteers,
          volunteerHours: a.volunteerHours,
          participationLevel: a.participationLevel,
          photos: a.photos.length,
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return list;
  }

  async activities(pilotId: string, period: { from: string; to: string }): Promise<ActivitiesSection> {
    const [figures, photos, ...ranges] = await Promise.all([
      this.activitiesService.figures(pilotId, period),
      this.activitiesService.reportPhotos(pilotId, period, REPORT_PHOTOS),
      ...splitPeriod(period, ACTIVITY_RANGES).map((r) => this.activitiesOf(pilotId, r)),
    ]);
    const list = ranges.flat();
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : collate(a.title, b.title)));
    const notable = [...list]
      .sort(
        (a, b) =>
          b.participants - a.participants ||
          (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
          collate(a.title, b.title),
      )
      .slice(0, 5)
      .map(({ date, title, type, participants }) => ({ date, title, type, participants }));
    return {
      count: figures.activities,
      participants: figures.participants,
      volunteers: figures.volunteers,
      volunteerHours: figures.volunteerHours,
      divertedKg: figures.divertedKg,
      byType: figures.byType.map((t) => ({ type: t.type, count: t.activities, participants: t.participants })),
      byPolicy: figures.byPolicy.map((p) => ({ policy: p.policy, count: p.activities, participants: p.participants })),
      notable,
      list,
      // Without photos the snapshot keeps its former shape (and the report has no empty grid).
      ...(photos.length > 0 ? { photos } : {}),
    };
  }

  async actors(pilotId: string, year: number): Promise<ActorsSection> {
    const [actors, contributions] = await Promise.all([
      this.actorsService.list(pilotId),
      this.actorsService.listContributions(pilotId, { year }),
    ]);
    const types = [...new Set(actors.map((a) => a.type))].sort();
    const perActor = new Map<string, number>();
    for (const c of contributions) perActor.set(c.actorId, (perActor.get(c.actorId) ?? 0) + 1);
    return {
      count: actors.length,
      byType: types.map((type) => ({ type, count: actors.filter((a) => a.type === type).length })),
      list: [...actors]
        .sort((a, b) => collate(a.name, b.name))
        .map((a) => ({ name: a.name, type: a.type, contributions: perActor.get(a.id) ?? 0 })),
      contributions: contributions.map((c) => ({
        actor: c.actorName,
        kind: c.kind,
        description: c.description,
        valueCents: c.valueCents,
        hours: c.hours,
        year: c.year,
      })),
      contributionsValueCents: sumBy(contributions, (c) => c.valueCents ?? 0),
      contributionsHours: round2(sumBy(contributions, (c) => c.hours ?? 0)),
    };
  }

  async waste(pilotId: string): Promise<WasteSection> {
    const figures = await this.wasteService.figures(pilotId);
    const refs = this.autonomyService.references().references;
    // Like for like: residual waste with the national residual figure, the pilot's total of reported streams with
    // the national household waste (DMA); each reference keeps its source and year.
    const pairs: [WasteReference['compares'], string][] = [
      ['residual', 'nationalResidualKgPerInhabitant'],
      ['total', 'nationalHouseholdWasteKgPerInhabitant'],
    ];
    const references: WasteReference[] = [];
    for (const [compares, key] of pairs) {
      const r = refs.find((x) => x.key === key);
      if (r) references.push({ compares, label: r.label, kgPerInhabitant: r.value, year: r.year, source: r.source });
    }
    const years = figures.years.map((y) => ({
      year: y.year,
      population: y.population,
      kgPerInhabitant: Object.fromEntries(
        Object.entries(y.kgPerInhabitant).filter((e): e is [string, number] => typeof e[1] === 'number'),
      ),
      residualChangeVsBaseline: y.residualChangeVsBaseline,
    }));
    const reportedStreams = WASTE_STREAMS.filter((st) => years.some((y) => typeof y.kgPerInhabitant[st] === 'number'));
    return { baselineYear: figures.baselineYear, years, reportedStreams, references };
  }

  async autonomy(pilotId: string, year: number): Promise<AutonomySection> {
    const data = await this.autonomyService.autonomy(SYSTEM_CONTEXT, pilotId);
    const catalogue = this.autonomyService.catalogue();
    const y = data.indicators.years.find((i) => i.year === year);
    const unitOf = (u: string): IndicatorUnit => (u === 'kg_per_inhabitant' ? 'kgPerInhabitant' : (u as IndicatorUnit));
    const definition = (key: string) => catalogue.find((c) => c.key === key);
    return {
      wasteYear: y?.wasteYear ?? null,
      indicators: catalogue.map((c) => ({
        key: c.key,
        label: c.label,
        value: y ? (y.values[c.key] ?? null) : null,
        unit: unitOf(c.unit),
        definition: c.computation,
      })),
      milestones: data.milestones.map((m) => {
        const d = m.target ? definition(m.target.indicator) : undefined;
        return {
          title: m.title,
          dueDate: m.dueDate,
          status: m.status,
          late: m.late,
          targetMet: m.targetMet,
          targetFinal: m.targetFinal,
          targetActual: m.targetActual,
          target: m.target
            ? {
                indicator: m.target.indicator,
                label: d?.label ?? m.target.indicator,
                operator: m.target.operator,
                value: m.target.value,
                unit: unitOf(d?.unit ?? 'count'),
                year: m.target.year,
              }
            : null,
        };
      }),
    };
  }

  /** A project year's activity figures, or null when they cannot be read (the year's row says so). */
  activityFigures(pilotId: string, period: { from: string; to: string }) {
    return this.activitiesService.figures(pilotId, period).catch(() => null);
  }

  /** The pilot's actors and every contribution, or nulls when they cannot be read. */
  async actorsAndContributions(pilotId: string) {
    const [actors, contributions] = await Promise.all([
      this.actorsService.list(pilotId).catch(() => null),
      this.actorsService.listContributions(pilotId).catch(() => null),
    ]);
    return { actors, contributions };
  }

  /**
   * A pilot's figures over its whole programme to date: every entitlement, cumulated disbursements and expenses,
   * all co-financing and in-kind, the autonomy ratio over all operating resources, every activity since the start.
   */
  async lifeFigures(
    pilotId: string,
  ): Promise<{ figures: KeyFigures; operatingResourcesCents: number; missing: string[] }> {
    const terms = await this.pilots.terms(pilotId);
    const missing: string[] = [];
    const summary = await this.fundingService.summary(pilotId).catch(() => null);
    if (!summary) missing.push('funding');
    const operatingResourcesCents = summary ? sumBy(summary.years, (y) => y.operatingResourcesCents) : 0;
    const own = summary ? summary.totals.cofinancingCents + summary.totals.inKindCents : 0;
    const period = terms.startDate
      ? {
          from: projectYearRange(terms.startDate, 1).from,
          to: projectYearRange(terms.startDate, terms.operatingYears).to,
        }
      : null;
    const activity = period ? await this.activityFigures(pilotId, period) : null;
    if (!activity) missing.push('activities');
    const { actors, contributions } = await this.actorsAndContributions(pilotId);
    if (!actors || !contributions) missing.push('actors');
    return {
      operatingResourcesCents,
      missing,
      figures: {
        inhabitants: summary?.inhabitants ?? null,
        yearEntitledCents: summary?.totals.entitledCents ?? null,
        disbursedCents: summary?.totals.disbursedCents ?? null,
        expensesCents: summary?.totals.spentCents ?? null,
        cofinancingCents: summary?.totals.cofinancingCents ?? null,
        inKindCents: summary?.totals.inKindCents ?? null,
        autonomyRatio: operatingResourcesCents > 0 ? own / operatingResourcesCents : null,
        activities: activity?.activities ?? null,
        participants: activity?.participants ?? null,
        volunteerHours: activity?.volunteerHours ?? null,
        actors: actors?.length ?? null,
        contributions: contributions?.length ?? null,
        residualKgPerInhabitant: null,
        residualChangeVsBaseline: null,
        wasteYear: null,
      },
    };
  }
}
