import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { FundingService } from '../funding/funding.service';
import { addDays, addYears, projectYearOf, projectYears } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { WasteService } from '../waste/waste.service';
import { ActivityInputs, computeYearIndicators, INDICATORS, IndicatorDefinition, YearIndicators } from './indicators';
import { Milestone, MILESTONE_SELECT, MilestoneRow, toMilestone } from './milestone-rows';
import { defaultRoadmap } from './milestones';
import referencesData from './references.json';

export type {
  CreateMilestoneInput,
  Evidence,
  EvidenceInput,
  Milestone,
  RemindableMilestone,
  UpdateMilestoneInput,
} from './milestone-rows';

export type Indicators = {
  today: string;
  startDate: string | null;
  endDate: string | null;
  currentYear: number | null;
  baselineYear: number | null;
  baselineResidualKgPerInhabitant: number | null;
  years: YearIndicators[];
};

export type References = typeof referencesData;

/**
 * The autonomy page: the indicators of every project year and the roadmap proposed once per pilot. Indicators read
 * the other features only through their services: funding's yearly resources, activities' figures, waste per
 * inhabitant. The lead's and coordinator's changes to milestones are `MilestonesService`'s.
 */
@Injectable()
export class AutonomyService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
    private readonly activities: ActivitiesService,
    private readonly funding: FundingService,
    private readonly waste: WasteService,
  ) {}

  /** The default roadmap is proposed as soon as a pilot has its start date (at creation or when it is set). */
  onModuleInit(): void {
    this.pilots.onStartDateSet((ctx, pilotId, m) => this.proposeDefaultRoadmap(ctx, pilotId, m));
  }

  catalogue(): IndicatorDefinition[] {
    return INDICATORS;
  }

  references(): References {
    return referencesData;
  }

  /** Every indicator of every project year, computed from the data now. */
  async indicators(pilotId: string, today = todayInFrance()): Promise<Indicators> {
    const terms = await this.pilots.terms(pilotId);
    const years = projectYears(terms.startDate, terms.operatingYears);
    const [funding, waste] = await Promise.all([
      years.length > 0 ? this.funding.summary(pilotId) : null,
      this.waste.figures(pilotId),
    ]);
    const wasteByYear = new Map(waste.years.map((y) => [y.year, y]));
    const baseline = waste.baselineYear !== null ? wasteByYear.get(waste.baselineYear) : undefined;
    const computed: YearIndicators[] = [];
    for (const y of years) {
      const started = today >= y.from;
      const figures = started ? await this.activities.figures(pilotId, { from: y.from, to: y.to }) : null;
      const activity: ActivityInputs | null = figures
        ? {
            activities: figures.activities,
            participants: figures.participants,
            volunteerHours: figures.volunteerHours,
            activeActors: figures.activeActors,
            contributions: figures.contributions,
            contributionsValueCents: figures.contributionsValueCents,
            divertedKg: figures.divertedKg,
          }
        : null;
      const fundingYear = funding?.years.find((f) => f.year === y.year);
      const provisional = computeYearIndicators({ ...y, autonomyRatio: null, activity: null, waste: null }, today);
      const w = wasteByYear.get(provisional.wasteYear);
      computed.push(
        computeYearIndicators(
          {
            ...y,
            autonomyRatio: fundingYear?.autonomyRatio ?? null,
            activity,
            waste: w
              ? {
                  year: w.year,
                  residualKgPerInhabitant: w.kgPerInhabitant.residual,
                  residualChangeVsBaseline: w.residualChangeVsBaseline,
                }
              : null,
          },
          today,
        ),
      );
    }
    return {
      today,
      startDate: terms.startDate,
      endDate: terms.startDate ? addDays(addYears(terms.startDate, terms.operatingYears), -1) : null,
      currentYear: projectYearOf(terms.startDate, today),
      baselineYear: waste.baselineYear,
      baselineResidualKgPerInhabitant: baseline?.kgPerInhabitant.residual ?? null,
      years: computed,
    };
  }

  /** GET /api/pilots/:id/autonomy. Proposes the default roadmap first if the pilot never had one (see proposeDefaultRoadmap). */
  async autonomy(
    ctx: RequestContext,
    pilotId: string,
  ): Promise<{ pilotId: string; indicators: Indicators; milestones: Milestone[] }> {
    await this.pilots.get(ctx, pilotId);
    await this.proposeDefaultRoadmap(ctx, pilotId);
    return this.roadmap(pilotId);
  }

  /** The indicators and the milestones as they stand, read only (the public page: it never proposes a roadmap). */
  async roadmap(pilotId: string): Promise<{ pilotId: string; indicators: Indicators; milestones: Milestone[] }> {
    const indicators = await this.indicators(pilotId);
    const rows: MilestoneRow[] = await this.db.query(
      `${MILESTONE_SELECT} WHERE pilot_id = $1 ORDER BY due_date, created_at`,
      [pilotId],
    );
    return { pilotId, indicators, milestones: rows.map((r) => toMilestone(r, indicators.years, indicators.today)) };
  }

  /**
   * Proposes the default three-year roadmap once per pilot: called at the pilot's creation and, as a safety net,
   * when its autonomy page is first read. A marker row (autonomy_roadmaps) makes it happen once even when both
   * race or when the lead later deletes every milestone. Without a start date nothing can be dated yet: nothing
   * is written, and the first read after the start date is set proposes it.
   */
  async proposeDefaultRoadmap(ctx: RequestContext, pilotId: string, m?: EntityManager): Promise<number> {
    const run = async (tx: EntityManager): Promise<number> => {
      const terms = await this.pilots.terms(pilotId, tx);
      if (!terms.startDate) return 0;
      const marked: { pilot_id: string }[] = await tx.query(
        `INSERT INTO autonomy_roadmaps (pilot_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING pilot_id`,
        [pilotId],
      );
      if (marked.length === 0) return 0;
      const drafts = defaultRoadmap(terms.startDate);
      for (const d of drafts) {
        const [row]: { id: string }[] = await tx.query(
          `INSERT INTO milestones (pilot_id, title, description, due_date, owner, target_indicator, target_operator, target_value, target_year, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            pilotId,
            d.title,
            d.description,
            d.dueDate,
            d.owner,
            d.target?.indicator ?? null,
            d.target?.operator ?? null,
            d.target?.value ?? null,
            d.target?.year ?? null,
            ctx.user?.id ?? null,
          ],
        );
        await this.audit.record(tx, ctx, {
          action: 'milestone.propose',
          entity: 'milestone',
          entityId: row.id,
          pilotId,
          after: { ...d },
        });
      }
      return drafts.length;
    };
    if (m) return run(m);
    // Cheap check first: reading the autonomy page must not open a write transaction every time.
    const [done] = await this.db.query(`SELECT 1 FROM autonomy_roadmaps WHERE pilot_id = $1`, [pilotId]);
    return done ? 0 : this.db.transaction(run);
  }
}
