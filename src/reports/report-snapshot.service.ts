import { Injectable, Logger } from '@nestjs/common';
import { ActivitiesService } from '../activities/activities.service';
import { ActorsService } from '../actors/actors.service';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { AutonomyService } from '../autonomy/autonomy.service';
import { CallsService } from '../candidatures/calls.service';
import { todayInFrance } from '../common/codes';
import { FundingService, LedgerEntry } from '../funding/funding.service';
import { projectYearRange } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import type { Pilot } from '../pilots/pilots.types';
import { WASTE_STREAMS } from '../waste/waste';
import { WasteService } from '../waste/waste.service';
import type {
  ActivitiesSection,
  ActorsSection,
  Audience,
  FinalSnapshot,
  FinalYear,
  AutonomySection,
  FundingSection,
  IndicatorUnit,
  KeyFigures,
  Narrative,
  PilotInfo,
  PilotSnapshot,
  Section,
  Unavailable,
  WasteReference,
  WasteSection,
  WaveSnapshot,
} from './report.types';

// Service calls, not HTTP: large pages keep a national-scale year to a few round trips.
const PAGE = 5000;

/** Runs one section's gathering; a missing or failing feature becomes an explicit "non disponible". */
async function section<T>(name: string, logger: Logger, gather: () => Promise<T | Unavailable>): Promise<Section<T>> {
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

function sumBy<T>(items: T[], f: (t: T) => number): number {
  let s = 0;
  for (const i of items) s += f(i);
  if (!Number.isSafeInteger(Math.round(s))) throw new RangeError('Sum out of range');
  return s;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function keyFiguresOf(s: PilotSnapshot['sections'], inhabitants: number | null): KeyFigures {
  const f = s.funding.available ? s.funding : null;
  const a = s.activities.available ? s.activities : null;
  const ac = s.actors.available ? s.actors : null;
  const au = s.autonomy.available ? s.autonomy : null;
  // The waste figures of the report's project year, as the indicator table shows them: never another year's.
  const indicator = (key: string) => au?.indicators.find((i) => i.key === key)?.value ?? null;
  return {
    inhabitants,
    yearEntitledCents: f?.yearEntitledCents ?? null,
    disbursedCents: f?.disbursedCents ?? null,
    expensesCents: f?.expensesCents ?? null,
    cofinancingCents: f?.cofinancingCents ?? null,
    inKindCents: f?.inKindCents ?? null,
    autonomyRatio: f?.autonomyRatio ?? null,
    activities: a?.count ?? null,
    participants: a?.participants ?? null,
    volunteerHours: a?.volunteerHours ?? null,
    actors: ac?.count ?? null,
    contributions: ac?.contributions.length ?? null,
    residualKgPerInhabitant: indicator('residualKgPerInhabitant'),
    residualChangeVsBaseline: indicator('residualChangeVsBaseline'),
    wasteYear: au?.wasteYear ?? null,
  };
}

/**
 * Gathers every figure of a report into one JSON snapshot, only through the other features' exported
 * services. Rendering never reads anything else, so the snapshot is the report's whole truth.
 */
@Injectable()
export class ReportSnapshotService {
  private readonly logger = new Logger('ReportSnapshot');

  constructor(
    private readonly pilots: PilotsService,
    private readonly funding: FundingService,
    private readonly activities: ActivitiesService,
    private readonly actors: ActorsService,
    private readonly waste: WasteService,
    private readonly autonomy: AutonomyService,
    private readonly calls: CallsService,
  ) {}

  async pilotSnapshot(input: {
    pilotId: string;
    year: number;
    audience: Audience;
    version: number;
    narrative: Narrative;
    asOf?: string;
  }): Promise<PilotSnapshot> {
    const asOf = input.asOf ?? todayInFrance();
    // The worker acts as the system (no user): the pilot's scope was checked when the report was created.
    const pilot = await this.pilots.get(SYSTEM_CONTEXT, input.pilotId);
    const period = pilot.startDate ? projectYearRange(pilot.startDate, input.year) : null;
    const noStart: Unavailable = { available: false, reason: "la date de démarrage du projet n'est pas renseignée" };
    const [funding, activities, actors, waste, autonomy] = await Promise.all([
      section('état financier', this.logger, () => this.fundingSection(input.pilotId, input.year)),
      section('activités', this.logger, async () => (period ? this.activitiesSection(input.pilotId, period) : noStart)),
      section('acteurs', this.logger, () => this.actorsSection(input.pilotId, input.year)),
      section('déchets', this.logger, () => this.wasteSection(input.pilotId)),
      section('autonomie', this.logger, () => this.autonomySection(input.pilotId, input.year)),
    ]);
    const sections = { funding, activities, actors, waste, autonomy };
    const inhabitants = funding.available ? funding.inhabitants : pilot.inhabitantsInForce;
    return {
      schema: 1,
      kind: 'pilot',
      audience: input.audience,
      version: input.version,
      year: input.year,
      period,
      asOf,
      pilot: pilotInfo(pilot),
      narrative: input.narrative,
      keyFigures: keyFiguresOf(sections, inhabitants),
      sections,
    };
  }

  async waveSnapshot(input: {
    callId: string;
    year: number | null;
    audience: Audience;
    version: number;
    narrative: Narrative;
    asOf?: string;
  }): Promise<WaveSnapshot> {
    const asOf = input.asOf ?? todayInFrance();
    const call = await this.calls.get(input.callId);
    const pilotIds = await this.pilotsOfCall(input.callId, call.waveYear);
    const pilots: WaveSnapshot['pilots'] = [];
    const resources = { operating: 0, own: 0 };
    for (const id of pilotIds) {
      const pilot = await this.pilots.get(SYSTEM_CONTEXT, id);
      if (input.year === null) {
        // No year: the wave's whole life, each pilot from its start to today (or to its last project year's end).
        const life = await this.pilotLifeFigures(id);
        resources.operating += life.operatingResourcesCents;
        resources.own += (life.figures.cofinancingCents ?? 0) + (life.figures.inKindCents ?? 0);
        pilots.push({
          id,
          name: pilot.name,
          communes: pilot.communes.map((c) => c.name),
          startDate: pilot.startDate,
          status: pilot.status,
          keyFigures: life.figures,
          missing: life.missing,
        });
        continue;
      }
      const snap = await this.pilotSnapshot({
        pilotId: id,
        year: input.year,
        audience: input.audience,
        version: input.version,
        narrative: input.narrative,
        asOf,
      });
      const missing = Object.entries(snap.sections)
        .filter(([, s]) => !s.available)
        .map(([k]) => k);
      if (snap.sections.funding.available) {
        resources.operating += snap.sections.funding.operatingResourcesCents ?? 0;
        resources.own += snap.sections.funding.cofinancingCents + snap.sections.funding.inKindCents;
      }
      pilots.push({
        id,
        name: pilot.name,
        communes: snap.pilot.communes,
        startDate: pilot.startDate,
        status: pilot.status,
        keyFigures: snap.keyFigures,
        missing,
      });
    }
    const total = (k: keyof KeyFigures): number | null => {
      const values = pilots.map((p) => p.keyFigures[k]).filter((v): v is number => typeof v === 'number');
      return values.length === 0 ? null : round2(values.reduce((s, v) => s + v, 0));
    };
    const keyFigures: KeyFigures = {
      inhabitants: total('inhabitants'),
      yearEntitledCents: total('yearEntitledCents'),
      disbursedCents: total('disbursedCents'),
      expensesCents: total('expensesCents'),
      cofinancingCents: total('cofinancingCents'),
      inKindCents: total('inKindCents'),
      // Consolidated over the wave's resources, not an average of ratios.
      autonomyRatio: resources.operating > 0 ? resources.own / resources.operating : null,
      activities: total('activities'),
      participants: total('participants'),
      volunteerHours: total('volunteerHours'),
      actors: total('actors'),
      contributions: total('contributions'),
      residualKgPerInhabitant: null,
      residualChangeVsBaseline: null,
      wasteYear: null,
    };
    return {
      schema: 1,
      kind: 'wave',
      audience: input.audience,
      version: input.version,
      year: input.year,
      asOf,
      call: { id: call.id, title: call.title, waveYear: call.waveYear ?? null },
      narrative: input.narrative,
      keyFigures,
      pilots,
    };
  }

  /**
   * The programme's final report: each project year's figures (as that year's report computes them), the whole
   * programme's totals, the waste history against the baseline and every milestone with its verdict.
   */
  async finalSnapshot(input: {
    pilotId: string;
    audience: Audience;
    version: number;
    narrative: Narrative;
    asOf?: string;
  }): Promise<FinalSnapshot> {
    const asOf = input.asOf ?? todayInFrance();
    const pilot = await this.pilots.get(SYSTEM_CONTEXT, input.pilotId);
    const terms = await this.pilots.terms(input.pilotId);
    if (!terms.startDate) throw new Error('The pilot has no start date');
    const start = terms.startDate;
    const n = terms.operatingYears;
    const [actors, contributions] = await Promise.all([
      this.actors.list(input.pilotId).catch(() => null),
      this.actors.listContributions(input.pilotId).catch(() => null),
    ]);
    const years: FinalYear[] = [];
    let lastAutonomy: Section<AutonomySection> | null = null;
    for (let year = 1; year <= n; year++) {
      const period = projectYearRange(start, year);
      const [funding, activity, autonomy] = await Promise.all([
        section('état financier', this.logger, () => this.fundingSection(input.pilotId, year)),
        this.activities.figures(input.pilotId, period).catch(() => null),
        section('autonomie', this.logger, () => this.autonomySection(input.pilotId, year)),
      ]);
      lastAutonomy = autonomy;
      const f = funding.available ? funding : null;
      const au = autonomy.available ? autonomy : null;
      const indicator = (key: string) => au?.indicators.find((i) => i.key === key)?.value ?? null;
      const ofYear = contributions?.filter((c) => c.year === year) ?? null;
      const due = au?.milestones.filter((m) => m.target?.year === year) ?? [];
      years.push({
        year,
        period,
        keyFigures: {
          inhabitants: f?.inhabitants ?? null,
          yearEntitledCents: f?.yearEntitledCents ?? null,
          disbursedCents: f?.disbursedCents ?? null,
          expensesCents: f?.expensesCents ?? null,
          cofinancingCents: f?.cofinancingCents ?? null,
          inKindCents: f?.inKindCents ?? null,
          autonomyRatio: f?.autonomyRatio ?? null,
          activities: activity?.activities ?? null,
          participants: activity?.participants ?? null,
          volunteerHours: activity?.volunteerHours ?? null,
          actors: actors?.length ?? null,
          contributions: ofYear?.length ?? null,
          residualKgPerInhabitant: indicator('residualKgPerInhabitant'),
          residualChangeVsBaseline: indicator('residualChangeVsBaseline'),
          wasteYear: au?.wasteYear ?? null,
        },
        contributingActors: ofYear ? new Set(ofYear.map((c) => c.actorId)).size : null,
        milestonesDue: due.length,
        milestonesMet: due.filter((m) => m.targetMet === true).length,
      });
    }
    const [life, waste] = await Promise.all([
      this.pilotLifeFigures(input.pilotId),
      section('déchets', this.logger, () => this.wasteSection(input.pilotId)),
    ]);
    // The programme's waste figure is the latest calendar year with a residual tonnage, against the baseline.
    const latest = waste.available
      ? [...waste.years].reverse().find((y) => typeof y.kgPerInhabitant.residual === 'number')
      : undefined;
    return {
      schema: 1,
      kind: 'final',
      audience: input.audience,
      version: input.version,
      period: { from: projectYearRange(start, 1).from, to: projectYearRange(start, n).to },
      asOf,
      pilot: pilotInfo(pilot),
      narrative: input.narrative,
      keyFigures: {
        ...life.figures,
        residualKgPerInhabitant: latest?.kgPerInhabitant.residual ?? null,
        residualChangeVsBaseline: latest?.residualChangeVsBaseline ?? null,
        wasteYear: latest?.year ?? null,
      },
      years,
      waste,
      milestones:
        lastAutonomy && lastAutonomy.available
          ? { available: true, items: lastAutonomy.milestones }
          : (lastAutonomy ?? { available: false, reason: "la rubrique « jalons » n'a pas pu être calculée" }),
    };
  }

  /**
   * A pilot's figures over its whole programme to date: every entitlement, cumulated disbursements and expenses,
   * all co-financing and in-kind, the autonomy ratio over all operating resources, every activity since the start.
   */
  private async pilotLifeFigures(
    pilotId: string,
  ): Promise<{ figures: KeyFigures; operatingResourcesCents: number; missing: string[] }> {
    const terms = await this.pilots.terms(pilotId);
    const missing: string[] = [];
    const summary = await this.funding.summary(pilotId).catch(() => null);
    if (!summary) missing.push('funding');
    const operatingResourcesCents = summary ? sumBy(summary.years, (y) => y.operatingResourcesCents) : 0;
    const own = summary ? summary.totals.cofinancingCents + summary.totals.inKindCents : 0;
    const period = terms.startDate
      ? {
          from: projectYearRange(terms.startDate, 1).from,
          to: projectYearRange(terms.startDate, terms.operatingYears).to,
        }
      : null;
    const activity = period ? await this.activities.figures(pilotId, period).catch(() => null) : null;
    if (!activity) missing.push('activities');
    const [actors, contributions] = await Promise.all([
      this.actors.list(pilotId).catch(() => null),
      this.actors.listContributions(pilotId).catch(() => null),
    ]);
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

  /** Checks the call exists (404 otherwise) and returns its pilots. */
  async callExists(callId: string): Promise<{ id: string; title: string }> {
    const call = await this.calls.get(callId);
    return { id: call.id, title: call.title };
  }

  /** The pilot's terms for scheduling drafts: start date and number of project years. */
  async pilotsWithTerms(): Promise<{ id: string; startDate: string | null; operatingYears: number }[]> {
    const ids = await this.pilots.listIds(SYSTEM_CONTEXT);
    const out: { id: string; startDate: string | null; operatingYears: number }[] = [];
    for (const id of ids) {
      const terms = await this.pilots.terms(id);
      out.push({ id, startDate: terms.startDate, operatingYears: terms.operatingYears });
    }
    return out;
  }

  private async pilotsOfCall(callId: string, waveYear: number | null | undefined): Promise<string[]> {
    const ids = await this.pilots.listIds(SYSTEM_CONTEXT, waveYear ? { waveYear } : {});
    const out: string[] = [];
    for (const id of ids) {
      const p = await this.pilots.get(SYSTEM_CONTEXT, id);
      if (p.callId === callId) out.push(id);
    }
    return out;
  }

  private async ledgerOfYear(pilotId: string, year: number): Promise<LedgerEntry[]> {
    const all: LedgerEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.funding.entries(pilotId, { year, limit: PAGE, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all.sort((a, b) => a.seq - b.seq);
  }

  private async fundingSection(pilotId: string, year: number): Promise<FundingSection> {
    const [summary, entries] = await Promise.all([this.funding.summary(pilotId), this.ledgerOfYear(pilotId, year)]);
    // A reversal and the entry it cancels both drop out: the statement shows what stands.
    const active = entries.filter((e) => e.type !== 'reversal' && !e.reversedByEntryId);
    const disb = active
      .filter((e) => e.type === 'disbursement')
      .sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq);
    const expenses = active.filter((e) => e.type === 'expense');
    const categories = [...new Set(expenses.map((e) => e.category ?? 'other'))].sort();
    const bySource = (type: 'cofinancing' | 'in_kind') => {
      const groups = new Map<string, { source: string; sourceKind: string | null; amountCents: number }>();
      for (const e of active.filter((x) => x.type === type)) {
        const source = e.source ?? 'Non précisée';
        const key = `${source}\u0000${e.sourceKind ?? ''}`;
        const g = groups.get(key) ?? { source, sourceKind: e.sourceKind ?? null, amountCents: 0 };
        g.amountCents += e.amountCents;
        groups.set(key, g);
      }
      return [...groups.values()].sort(
        (a, b) => b.amountCents - a.amountCents || a.source.localeCompare(b.source, 'fr'),
      );
    };
    const cofinancingBySource = bySource('cofinancing');
    const inKindBySource = bySource('in_kind');
    const yearResources = summary.years.find((y) => y.year === year);
    const balance = (fund: 'investment' | 'operating') => {
      const b = summary.balances[fund];
      return {
        entitledCents: b.entitledCents,
        disbursedCents: b.disbursedCents,
        spentCents: b.spentCents,
        availableCents: b.availableCents,
      };
    };
    return {
      inhabitants: summary.inhabitants,
      entitlements: summary.entitlements.map((e) => ({ fund: e.fund, year: e.year, amountCents: e.amountCents })),
      yearEntitledCents: sumBy(
        summary.entitlements.filter((e) => e.year === year),
        (e) => e.amountCents,
      ),
      disbursements: disb.map((e) => ({
        fund: e.fund,
        date: e.date,
        reference: e.reference,
        amountCents: e.amountCents,
      })),
      disbursedByFund: {
        investment: sumBy(
          disb.filter((e) => e.fund === 'investment'),
          (e) => e.amountCents,
        ),
        operating: sumBy(
          disb.filter((e) => e.fund === 'operating'),
          (e) => e.amountCents,
        ),
      },
      disbursedCents: sumBy(disb, (e) => e.amountCents),
      expensesByCategory: categories.map((category) => {
        const of = expenses.filter((e) => (e.category ?? 'other') === category);
        const investmentCents = sumBy(
          of.filter((e) => e.fund === 'investment'),
          (e) => e.amountCents,
        );
        const totalCents = sumBy(of, (e) => e.amountCents);
        return { category, investmentCents, operatingCents: totalCents - investmentCents, totalCents };
      }),
      expensesCents: sumBy(expenses, (e) => e.amountCents),
      cofinancingBySource,
      cofinancingCents: sumBy(cofinancingBySource, (g) => g.amountCents),
      inKindBySource,
      inKindCents: sumBy(inKindBySource, (g) => g.amountCents),
      balances: { investment: balance('investment'), operating: balance('operating') },
      autonomyRatio: yearResources?.autonomyRatio ?? null,
      operatingResourcesCents: yearResources?.operatingResourcesCents ?? null,
      smicvalOperatingCents: yearResources?.smicvalOperatingCents ?? null,
      entryCount: entries.length,
    };
  }

  private async activitiesSection(pilotId: string, period: { from: string; to: string }): Promise<ActivitiesSection> {
    const figures = await this.activities.figures(pilotId, period);
    const list: ActivitiesSection['list'] = [];
    let cursor: string | undefined;
    do {
      const page = await this.activities.list(pilotId, { from: period.from, to: period.to, limit: PAGE, cursor });
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
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    list.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'fr'));
    const notable = [...list]
      .sort(
        (a, b) =>
          b.participants - a.participants || a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'fr'),
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
    };
  }

  private async actorsSection(pilotId: string, year: number): Promise<ActorsSection> {
    const [actors, contributions] = await Promise.all([
      this.actors.list(pilotId),
      this.actors.listContributions(pilotId, { year }),
    ]);
    const types = [...new Set(actors.map((a) => a.type))].sort();
    const perActor = new Map<string, number>();
    for (const c of contributions) perActor.set(c.actorId, (perActor.get(c.actorId) ?? 0) + 1);
    return {
      count: actors.length,
      byType: types.map((type) => ({ type, count: actors.filter((a) => a.type === type).length })),
      list: [...actors]
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
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

  private async wasteSection(pilotId: string): Promise<WasteSection> {
    const figures = await this.waste.figures(pilotId);
    const refs = this.autonomy.references().references;
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

  private async autonomySection(pilotId: string, year: number): Promise<AutonomySection> {
    const data = await this.autonomy.autonomy(SYSTEM_CONTEXT, pilotId);
    const catalogue = this.autonomy.catalogue();
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
}

function pilotInfo(p: Pilot): PilotInfo {
  return {
    id: p.id,
    name: p.name,
    communes: p.communes.map((c) => c.name),
    inhabitants: p.inhabitantsInForce,
    startDate: p.startDate,
    status: p.status,
    district: p.district,
    place: p.place,
    policies: [...p.policies],
    lead: p.lead?.name ?? null,
    experts: p.experts.map((e) => (e.organisation ? `${e.name} (${e.organisation})` : e.name)),
    waveYear: p.waveYear,
  };
}
