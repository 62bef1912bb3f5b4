import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service';
import { AuditService, changedFields } from '../audit/audit.service';
import { isLead, RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { checkUploadedFile, safeFileName, UploadType } from '../common/uploaded-file';
import { FundingService } from '../funding/funding.service';
import { addDays, addYears, projectYearOf, projectYears } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { WasteService } from '../waste/waste.service';
import { AutonomyErrorCode, AutonomyException } from './autonomy.exception';
import {
  ActivityInputs,
  computeYearIndicators,
  evaluateTarget,
  INDICATORS,
  IndicatorDefinition,
  Target,
  YearIndicators,
} from './indicators';
import { defaultRoadmap, isLate, MilestoneStatus, targetVerdict, TargetVerdict } from './milestones';
import referencesData from './references.json';

export type Evidence = {
  text: string | null;
  url: string | null;
  file: { name: string; contentType: string; size: number } | null;
};

export type Milestone = {
  id: string;
  pilotId: string;
  title: string;
  description: string | null;
  dueDate: string;
  owner: string | null;
  status: MilestoneStatus;
  late: boolean;
  evidence: Evidence;
  target: Target | null;
  targetMet: boolean | null;
  targetActual: number | null;
  targetFinal: boolean;
  targetVerdict: TargetVerdict | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Indicators = {
  today: string;
  startDate: string | null;
  endDate: string | null;
  currentYear: number | null;
  baselineYear: number | null;
  baselineResidualKgPerInhabitant: number | null;
  years: YearIndicators[];
};

export type CreateMilestoneInput = {
  title: string;
  description?: string;
  dueDate: string;
  owner?: string;
  status?: MilestoneStatus;
  target?: Target;
};
export type EvidenceInput = {
  text?: string | null;
  url?: string | null;
  file?: { name: string; contentType: string; dataBase64: string } | null;
};
export type UpdateMilestoneInput = {
  status?: MilestoneStatus;
  evidence?: EvidenceInput | null;
  title?: string;
  description?: string | null;
  dueDate?: string;
  owner?: string | null;
  target?: Target | null;
};

/** A milestone due soon or late, for the daily reminders. */
export type RemindableMilestone = { id: string; pilotId: string; title: string; dueDate: string; late: boolean };

export type References = typeof referencesData;

const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** What a pilot's coordinator may change on a milestone; the rest of the roadmap is the lead's. */
const COORDINATOR_FIELDS = new Set(['status', 'evidence']);

const MILESTONE_SELECT = `
  SELECT id, pilot_id AS "pilotId", title, description, due_date AS "dueDate", owner, status,
         evidence_text AS "evidenceText", evidence_url AS "evidenceUrl", evidence_file_name AS "fileName",
         evidence_file_type AS "fileType", octet_length(evidence_file) AS "fileSize",
         target_indicator AS "targetIndicator", target_operator AS "targetOperator", target_value AS "targetValue", target_year AS "targetYear",
         completed_at AS "completedAt", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM milestones`;

type MilestoneRow = {
  id: string;
  pilotId: string;
  title: string;
  description: string | null;
  dueDate: string;
  owner: string | null;
  status: MilestoneStatus;
  evidenceText: string | null;
  evidenceUrl: string | null;
  fileName: string | null;
  fileType: string | null;
  fileSize: number | null;
  targetIndicator: Target['indicator'] | null;
  targetOperator: Target['operator'] | null;
  targetValue: number | null;
  targetYear: number | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

function targetOf(r: MilestoneRow): Target | null {
  return r.targetIndicator && r.targetOperator && r.targetValue !== null && r.targetYear !== null
    ? { indicator: r.targetIndicator, operator: r.targetOperator, value: r.targetValue, year: r.targetYear }
    : null;
}

function toMilestone(r: MilestoneRow, years: YearIndicators[], today: string): Milestone {
  const target = targetOf(r);
  const evaluation = target ? evaluateTarget(target, years) : { met: null, actual: null, final: false };
  return {
    id: r.id,
    pilotId: r.pilotId,
    title: r.title,
    description: r.description,
    dueDate: r.dueDate,
    owner: r.owner,
    status: r.status,
    late: isLate(r, today),
    evidence: {
      text: r.evidenceText,
      url: r.evidenceUrl,
      file: r.fileName
        ? { name: r.fileName, contentType: r.fileType ?? 'application/octet-stream', size: r.fileSize ?? 0 }
        : null,
    },
    target,
    targetMet: evaluation.met,
    targetActual: evaluation.actual,
    targetFinal: evaluation.final,
    targetVerdict: target ? targetVerdict(evaluation) : null,
    completedAt: r.completedAt ? new Date(r.completedAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** What the audit trail keeps of a milestone (never the file's bytes). */
function snapshot(r: MilestoneRow): Record<string, unknown> {
  return {
    title: r.title,
    description: r.description,
    dueDate: r.dueDate,
    owner: r.owner,
    status: r.status,
    evidenceText: r.evidenceText,
    evidenceUrl: r.evidenceUrl,
    evidenceFile: r.fileName,
    target: targetOf(r),
  };
}

type CheckedFile = { data: Buffer; name: string; contentType: UploadType };

/** An evidence file judged by its structure (a PDF must parse, an image must decode), under a safe name. */
async function checkEvidenceFile(file: {
  name: string;
  contentType: string;
  dataBase64: string;
}): Promise<CheckedFile> {
  const data = Buffer.from(file.dataBase64, 'base64');
  if (data.length === 0 || data.length > MAX_EVIDENCE_BYTES) {
    throw new AutonomyException(
      AutonomyErrorCode.EvidenceFileInvalid,
      'The evidence file must be between 1 byte and 10 MB',
      'evidence.file',
    );
  }
  // The declared content type is not trusted: the stored one is what the bytes are.
  const check = await checkUploadedFile(data);
  if (!check.ok && check.reason === 'type')
    throw new AutonomyException(
      AutonomyErrorCode.EvidenceFileTypeNotAllowed,
      'The evidence file must be a PDF, JPEG or PNG file',
      'evidence.file',
    );
  if (!check.ok)
    throw new AutonomyException(
      AutonomyErrorCode.EvidenceFileUnreadable,
      `The evidence file cannot be read: ${check.detail}`,
      'evidence.file',
    );
  return { data, contentType: check.contentType, name: safeFileName(file.name, check.contentType, 'preuve') };
}

/**
 * Milestones toward autonomy and the indicators they are measured with. Indicators read the other features
 * only through their services: funding's yearly resources, activities' figures, waste per inhabitant.
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

  private async checkTargetYear(pilotId: string, target: Target | null | undefined, tx: EntityManager): Promise<void> {
    if (!target) return;
    const terms = await this.pilots.terms(pilotId, tx);
    if (target.year > terms.operatingYears) {
      throw new AutonomyException(
        AutonomyErrorCode.TargetYearOutOfRange,
        `target.year must be a project year from 1 to ${terms.operatingYears}`,
        'target.year',
      );
    }
  }

  async createMilestone(
    ctx: RequestContext,
    pilotId: string,
    input: CreateMilestoneInput,
    m?: EntityManager,
  ): Promise<Milestone> {
    const run = async (tx: EntityManager) => {
      await this.checkTargetYear(pilotId, input.target, tx);
      const status = input.status ?? 'planned';
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO milestones (pilot_id, title, description, due_date, owner, status, target_indicator, target_operator, target_value, target_year, completed_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $6 = 'done' THEN now() END, $11) RETURNING id`,
        [
          pilotId,
          input.title,
          input.description ?? null,
          input.dueDate,
          input.owner ?? null,
          status,
          input.target?.indicator ?? null,
          input.target?.operator ?? null,
          input.target?.value ?? null,
          input.target?.year ?? null,
          ctx.user?.id ?? null,
        ],
      );
      // A roadmap the lead writes by hand is theirs: the default one is no longer proposed on top of it.
      await tx.query(`INSERT INTO autonomy_roadmaps (pilot_id) VALUES ($1) ON CONFLICT DO NOTHING`, [pilotId]);
      const [created]: MilestoneRow[] = await tx.query(`${MILESTONE_SELECT} WHERE id = $1`, [row.id]);
      await this.audit.record(tx, ctx, {
        action: 'milestone.create',
        entity: 'milestone',
        entityId: row.id,
        pilotId,
        after: snapshot(created),
      });
      return row.id;
    };
    const id = m ? await run(m) : await this.db.transaction(run);
    return this.milestone(id, m);
  }

  /** One milestone with its derived late flag and target verdict. */
  async milestone(id: string, m?: EntityManager): Promise<Milestone> {
    const [row]: MilestoneRow[] = await (m ?? this.db.manager).query(`${MILESTONE_SELECT} WHERE id = $1`, [id]);
    if (!row) throw new AutonomyException(AutonomyErrorCode.MilestoneNotFound, 'Milestone not found');
    const indicators = row.targetIndicator && !m ? await this.indicators(row.pilotId) : null;
    return toMilestone(row, indicators?.years ?? [], todayInFrance());
  }

  async updateMilestone(
    ctx: RequestContext,
    id: string,
    patch: UpdateMilestoneInput,
    m?: EntityManager,
  ): Promise<Milestone> {
    const given = Object.entries(patch)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (!isLead(ctx) && ctx.user) {
      const forbidden = given.filter((k) => !COORDINATOR_FIELDS.has(k));
      if (forbidden.length > 0) {
        throw new AutonomyException(
          AutonomyErrorCode.MilestoneFieldForbidden,
          `Only the project lead may change ${forbidden.join(', ')}; a coordinator updates status and evidence`,
          forbidden[0],
        );
      }
    }
    // Parsed before the transaction: judging a 10 MB file must not hold the milestone's row lock.
    const file = patch.evidence?.file ? await checkEvidenceFile(patch.evidence.file) : null;
    const run = async (tx: EntityManager) => {
      const [before]: MilestoneRow[] = await tx.query(`${MILESTONE_SELECT} WHERE id = $1 FOR UPDATE`, [id]);
      if (!before) throw new AutonomyException(AutonomyErrorCode.MilestoneNotFound, 'Milestone not found');
      if (patch.target) await this.checkTargetYear(before.pilotId, patch.target, tx);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (patch.title !== undefined) set('title', patch.title);
      if (patch.description !== undefined) set('description', patch.description);
      if (patch.dueDate !== undefined) set('due_date', patch.dueDate);
      if (patch.owner !== undefined) set('owner', patch.owner);
      if (patch.status !== undefined) {
        set('status', patch.status);
        sets.push(
          `completed_at = CASE WHEN $${params.length} = 'done' THEN COALESCE(completed_at, now()) ELSE NULL END`,
        );
      }
      if (patch.target !== undefined) {
        set('target_indicator', patch.target?.indicator ?? null);
        set('target_operator', patch.target?.operator ?? null);
        set('target_value', patch.target?.value ?? null);
        set('target_year', patch.target?.year ?? null);
      }
      if (patch.evidence !== undefined) {
        const e = patch.evidence;
        if (e === null) {
          set('evidence_text', null);
          set('evidence_url', null);
          set('evidence_file', null);
          set('evidence_file_name', null);
          set('evidence_file_type', null);
        } else {
          if (e.text !== undefined) set('evidence_text', e.text?.trim() || null);
          if (e.url !== undefined) set('evidence_url', e.url || null);
          if (e.file !== undefined) {
            set('evidence_file', file?.data ?? null);
            set('evidence_file_name', file?.name ?? null);
            set('evidence_file_type', file?.contentType ?? null);
          }
        }
      }
      if (sets.length > 0) {
        await tx.query(`UPDATE milestones SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
        const [after]: MilestoneRow[] = await tx.query(`${MILESTONE_SELECT} WHERE id = $1`, [id]);
        const diff = changedFields(snapshot(before), snapshot(after));
        await this.audit.record(tx, ctx, {
          action: 'milestone.update',
          entity: 'milestone',
          entityId: id,
          pilotId: before.pilotId,
          ...diff,
        });
      }
    };
    if (m) await run(m);
    else await this.db.transaction(run);
    return this.milestone(id, m);
  }

  async deleteMilestone(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [before]: MilestoneRow[] = await tx.query(`${MILESTONE_SELECT} WHERE id = $1 FOR UPDATE`, [id]);
      if (!before) throw new AutonomyException(AutonomyErrorCode.MilestoneNotFound, 'Milestone not found');
      await tx.query(`DELETE FROM milestones WHERE id = $1`, [id]);
      await this.audit.record(tx, ctx, {
        action: 'milestone.delete',
        entity: 'milestone',
        entityId: id,
        pilotId: before.pilotId,
        before: snapshot(before),
      });
    });
  }

  async evidenceFile(id: string): Promise<{ name: string; contentType: string; data: Buffer }> {
    const [row]: { name: string | null; contentType: string | null; data: Buffer | null }[] = await this.db.query(
      `SELECT evidence_file_name AS name, evidence_file_type AS "contentType", evidence_file AS data FROM milestones WHERE id = $1`,
      [id],
    );
    if (!row?.data || !row.name)
      throw new AutonomyException(AutonomyErrorCode.EvidenceFileNotFound, 'This milestone has no evidence file');
    return { name: row.name, contentType: row.contentType ?? 'application/octet-stream', data: row.data };
  }

  /** Milestones of every pilot that are late or due by `horizon` (inclusive) and not done: the daily reminders read this. */
  async remindable(today: string, horizon: string): Promise<RemindableMilestone[]> {
    const rows: { id: string; pilotId: string; title: string; dueDate: string; status: MilestoneStatus }[] =
      await this.db.query(
        `SELECT id, pilot_id AS "pilotId", title, due_date AS "dueDate", status FROM milestones
        WHERE status IN ('planned', 'in_progress') AND due_date <= $1 ORDER BY due_date`,
        [horizon],
      );
    return rows.map((r) => ({
      id: r.id,
      pilotId: r.pilotId,
      title: r.title,
      dueDate: r.dueDate,
      late: isLate(r, today),
    }));
  }
}
