import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { PilotsService } from '../pilots/pilots.service';
import { ReportErrorCode, ReportException } from './reports.exception';

export type NarrativeDraft = {
  year: number;
  highlights: string;
  difficulties: string;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
};

/**
 * The coordinator's part of a year's narrative (faits marquants, difficultés), kept as a draft: the lead's report
 * form starts from it and the lead edits it before generating the report. One draft per pilot and project year.
 */
@Injectable()
export class NarrativeDraftsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
  ) {}

  private async checkYear(pilotId: string, year: number): Promise<void> {
    const terms = await this.pilots.terms(pilotId);
    if (year > terms.operatingYears)
      throw new ReportException(ReportErrorCode.ReportYearOutOfRange, `Year ${year} is beyond the programme`, [
        { field: 'year', code: ReportErrorCode.ReportYearOutOfRange, message: 'year out of range' },
      ]);
  }

  async get(pilotId: string, year: number): Promise<NarrativeDraft> {
    await this.checkYear(pilotId, year);
    const [row] = await this.db.query(
      `SELECT d.highlights, d.difficulties, d.updated_at AS "updatedAt", d.updated_by AS "updatedBy", u.name
         FROM narrative_drafts d LEFT JOIN users u ON u.id = d.updated_by WHERE d.pilot_id = $1 AND d.year = $2`,
      [pilotId, year],
    );
    if (!row) return { year, highlights: '', difficulties: '', updatedAt: null, updatedBy: null };
    return {
      year,
      highlights: row.highlights,
      difficulties: row.difficulties,
      updatedAt: new Date(row.updatedAt).toISOString(),
      updatedBy: row.updatedBy ? { id: row.updatedBy, name: row.name } : null,
    };
  }

  async save(
    ctx: RequestContext,
    pilotId: string,
    year: number,
    input: { highlights: string; difficulties: string },
  ): Promise<NarrativeDraft> {
    await this.checkYear(pilotId, year);
    await this.db.transaction(async (m) => {
      const [before] = await m.query(
        `SELECT highlights, difficulties FROM narrative_drafts WHERE pilot_id = $1 AND year = $2 FOR UPDATE`,
        [pilotId, year],
      );
      await m.query(
        `INSERT INTO narrative_drafts (pilot_id, year, highlights, difficulties, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (pilot_id, year) DO UPDATE SET highlights = $3, difficulties = $4, updated_by = $5, updated_at = now()`,
        [pilotId, year, input.highlights, input.difficulties, ctx.user?.id ?? null],
      );
      await this.audit.record(m, ctx, {
        action: 'report.narrative_draft',
        entity: 'pilot',
        entityId: pilotId,
        pilotId,
        ...changedFields(before ?? { highlights: '', difficulties: '' }, { ...input }),
      });
    });
    return this.get(pilotId, year);
  }
}
