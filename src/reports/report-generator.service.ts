import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RequestContext, SYSTEM_CONTEXT } from '../auth/auth.types';
import { canonicalJson } from '../common/canonical-json';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FinalSnapshotService } from './final-snapshot.service';
import { renderReportFiles, sha256 } from './report-files';
import { ReportLogoService } from './report-logo.service';
import { closeReportBrowser } from './report-pdf';
import { PilotReportInput, replaceFiles, ReportView, Row, SELECT } from './report-rows';
import { ReportSnapshotService } from './report-snapshot.service';
import { EMPTY_NARRATIVE, ReportFormat, ReportSnapshot, ReportStage, ReportStatus } from './report.types';
import { ReportsService } from './reports.service';

const STAGE_LABELS: Record<ReportStage, string> = {
  snapshot: 'Snapshot',
  html: 'HTML',
  pdf: 'PDF',
  xlsx: 'XLSX',
  store: 'Storage',
};

class StageError extends Error {
  constructor(stage: ReportStage, cause: unknown) {
    super(
      `${STAGE_LABELS[stage]} stage failed: ${cause instanceof Error ? cause.message : String(cause)}`.slice(0, 1900),
    );
  }
}

/**
 * Reports, worker side: gathers the snapshot, renders HTML, PDF and XLSX from it, and stores everything in one
 * final transaction, so no half-made report is ever marked done. Progress and errors live in the row.
 */
@Injectable()
export class ReportGenerator implements OnModuleDestroy {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
    private readonly snapshots: ReportSnapshotService,
    private readonly finals: FinalSnapshotService,
    private readonly logos: ReportLogoService,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await closeReportBrowser();
  }

  /** Creates and produces a report in this process, without the queue (demo seeding, benchmark). */
  async generateNow(ctx: RequestContext, pilotId: string, input: PilotReportInput): Promise<ReportView> {
    const created = await this.reports.createForPilot(ctx, pilotId, input, { queue: false });
    await this.generate(created.id);
    return this.reports.get(ctx, created.id);
  }

  /** Whether the pilot has an issued report of that kind (the demo's job, if replayed, produces nothing twice). */
  async hasIssued(pilotId: string, kind: 'pilot' | 'final'): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM reports WHERE pilot_id = $1 AND kind = $2 AND issued_at IS NOT NULL LIMIT 1`,
      [pilotId, kind],
    );
    return rows.length > 0;
  }

  /**
   * Produces one report: snapshot → HTML → PDF → XLSX → store. Re-entrant: a retry or a job taken over after
   * a killed worker resumes from the stored snapshot; a report already done is left alone (never produced twice).
   */
  async generate(
    reportId: string,
    attempt: { number: number; max: number } = { number: 1, max: 1 },
  ): Promise<'done' | 'skipped'> {
    const [row]: (Row & { snapshot: ReportSnapshot | null })[] = await this.db.query(
      `${SELECT.replace('FROM reports r', ', r.snapshot FROM reports r')} WHERE r.id = $1`,
      [reportId],
    );
    // A failed report stays failed: a job replayed after its enqueue was given up on must not revive it.
    if (!row || row.status === 'done' || row.status === 'failed' || row.issuedAt) return 'skipped';
    let stage: ReportStage = 'snapshot';
    try {
      await this.db.query(
        `UPDATE reports SET status = 'running', stage = 'snapshot', attempts = attempts + 1, error = NULL, started_at = COALESCE(started_at, now()),
                progress = CASE WHEN snapshot IS NULL THEN 5 ELSE GREATEST(progress, 30) END, updated_at = now()
          WHERE id = $1 AND status <> 'done'`,
        [reportId],
      );
      let snapshot = row.snapshot ? (JSON.parse(canonicalJson(row.snapshot)) as ReportSnapshot) : null;
      let digest = row.sha256;
      if (!snapshot || !digest) {
        await this.progress(reportId, 10, 'snapshot');
        const gathered = await this.gather(row);
        const text = canonicalJson(gathered);
        snapshot = JSON.parse(text) as ReportSnapshot;
        digest = sha256(text);
        await this.db.query(
          `UPDATE reports SET snapshot = $2::jsonb, snapshot_sha256 = $3, progress = 30, updated_at = now() WHERE id = $1 AND status = 'running'`,
          [reportId, text, digest],
        );
      }
      const files = await renderReportFiles(snapshot, digest, this.config.chromiumPath, (next, progress) => {
        stage = next;
        return this.progress(reportId, progress, next);
      });
      stage = 'store';
      await this.progress(reportId, 90, stage);
      const stored = await this.store(reportId, snapshot, files);
      return stored ? 'done' : 'skipped';
    } catch (e) {
      const error = e instanceof StageError ? e : new StageError(stage, e);
      const final = attempt.number >= attempt.max;
      this.logger.warn(`Report ${reportId} attempt ${attempt.number}/${attempt.max}: ${error.message}`);
      await this.db
        .query(
          `UPDATE reports SET status = $2, error = $3, updated_at = now() WHERE id = $1 AND status <> 'done' AND issued_at IS NULL`,
          [
            reportId,
            final ? 'failed' : 'queued',
            final ? error.message : `${error.message} (attempt ${attempt.number} of ${attempt.max}; retrying)`,
          ],
        )
        .catch(() => undefined);
      throw error;
    }
  }

  /** The snapshot of a report, with the organisation's logo when one was uploaded. */
  private async gather(row: Row): Promise<ReportSnapshot> {
    const [snapshot, logo] = await Promise.all([this.gatherFigures(row), this.logos.forSnapshot()]);
    return logo ? { ...snapshot, logo } : snapshot;
  }

  private async gatherFigures(row: Row): Promise<ReportSnapshot> {
    const narrative = { ...EMPTY_NARRATIVE, ...row.narrative };
    if (row.kind === 'final') {
      return this.finals.finalSnapshot({
        pilotId: row.pilotId as string,
        audience: row.audience,
        version: row.version,
        narrative,
      });
    }
    if (row.kind === 'pilot') {
      return this.snapshots.pilotSnapshot({
        pilotId: row.pilotId as string,
        year: row.year as number,
        audience: row.audience,
        version: row.version,
        narrative,
      });
    }
    return this.snapshots.waveSnapshot({
      callId: row.callId as string,
      year: row.year,
      audience: row.audience,
      version: row.version,
      narrative,
    });
  }

  private async progress(id: string, progress: number, stage: ReportStage): Promise<void> {
    await this.db.query(
      `UPDATE reports SET progress = GREATEST(progress, $2), stage = $3, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [id, progress, stage],
    );
  }

  /** The only place a report becomes done: its three files and its state in one transaction. */
  private async store(id: string, snapshot: ReportSnapshot, files: Record<ReportFormat, Buffer>): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const [row]: { status: ReportStatus; pilotId: string | null }[] = await m.query(
        `SELECT status, pilot_id AS "pilotId" FROM reports WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || row.status === 'done') return false;
      await replaceFiles(m, id, files);
      await m.query(
        `UPDATE reports SET status = 'done', progress = 100, stage = NULL, error = NULL, figures = $2::jsonb, finished_at = now(), updated_at = now() WHERE id = $1`,
        [id, JSON.stringify(snapshot.keyFigures)],
      );
      await this.audit.record(m, SYSTEM_CONTEXT, {
        action: 'report.done',
        entity: 'report',
        entityId: id,
        pilotId: row.pilotId,
        after: { files: Object.keys(files) },
      });
      return true;
    });
  }

  /** Marks a job's final failure when BullMQ gives up without our code running (e.g. stalled too often). */
  async markFailed(reportId: string, message: string): Promise<void> {
    await this.db.query(
      `UPDATE reports SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status <> 'done' AND issued_at IS NULL`,
      [reportId, message.slice(0, 1900)],
    );
  }
}
