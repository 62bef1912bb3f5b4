import { Injectable } from '@nestjs/common';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { CallsService } from '../candidatures/calls.service';
import { todayInFrance } from '../common/codes';
import { projectYearRange } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import type { Pilot } from '../pilots/pilots.types';
import { ReportSectionsService, round2, section } from './report-sections.service';
import type {
  Audience,
  KeyFigures,
  Narrative,
  PilotInfo,
  PilotSnapshot,
  Unavailable,
  WaveSnapshot,
} from './report.types';

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
 * The snapshot of a yearly or wave report: every figure it prints, gathered once into one JSON document (by
 * section, see ReportSectionsService), so rendering reads nothing else.
 */
@Injectable()
export class ReportSnapshotService {
  constructor(
    private readonly pilots: PilotsService,
    private readonly calls: CallsService,
    private readonly sections: ReportSectionsService,
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
      section('état financier', this.sections.logger, () => this.sections.funding(input.pilotId, input.year)),
      section('activités', this.sections.logger, async () =>
        period ? this.sections.activities(input.pilotId, period) : noStart,
      ),
      section('acteurs', this.sections.logger, () => this.sections.actors(input.pilotId, input.year)),
      section('déchets', this.sections.logger, () => this.sections.waste(input.pilotId)),
      section('autonomie', this.sections.logger, () => this.sections.autonomy(input.pilotId, input.year)),
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
        const life = await this.sections.lifeFigures(id);
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
}

export function pilotInfo(p: Pilot): PilotInfo {
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
