import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service';
import { isLead, RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { PilotsService } from '../pilots/pilots.service';
import { AutonomyErrorCode, AutonomyException } from './autonomy.exception';
import { AutonomyService } from './autonomy.service';
import type { Target } from './indicators';
import {
  checkEvidenceFile,
  COORDINATOR_FIELDS,
  CreateMilestoneInput,
  Milestone,
  MILESTONE_SELECT,
  MilestoneRow,
  RemindableMilestone,
  snapshot,
  toMilestone,
  UpdateMilestoneInput,
} from './milestone-rows';
import { isLate, MilestoneStatus } from './milestones';

/** The roadmap's milestones: written by the lead (all fields) and the coordinator (status and evidence), audited. */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
    private readonly autonomy: AutonomyService,
  ) {}

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
    const indicators = row.targetIndicator && !m ? await this.autonomy.indicators(row.pilotId) : null;
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
