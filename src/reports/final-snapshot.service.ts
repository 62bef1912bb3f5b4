import { Injectable } from '@nestjs/common';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { projectYearRange } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { ReportSectionsService, section } from './report-sections.service';
import { pilotInfo } from './report-snapshot.service';
import type { Audience, AutonomySection, FinalSnapshot, FinalYear, Narrative, Section } from './report.types';

@Injectable()
export class FinalSnapshotService {
  constructor(
    private readonly pilots: PilotsService,
    private readonly sections: ReportSectionsService,
  ) {}

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
    const { actors, contributions } = await this.sections.actorsAndContributions(input.pilotId);
    const years: FinalYear[] = [];
    let lastAutonomy: Section<AutonomySection> | null = null;
    for (let year = 1; year <= n; year++) {
      const period = projectYearRange(start, year);
      const [funding, activity, autonomy] = await Promise.all([
        section('état financier', this.sections.logger, () => this.sections.funding(input.pilotId, year)),
        this.sections.activityFigures(input.pilotId, period),
        section('autonomie', this.sections.logger, () => this.sections.autonomy(input.pilotId, year)),
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
      this.sections.lifeFigures(input.pilotId),
      section('déchets', this.sections.logger, () => this.sections.waste(input.pilotId)),
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
}
