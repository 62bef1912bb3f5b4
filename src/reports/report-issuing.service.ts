import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RequestContext } from '../auth/auth.types';
import { canonicalJson } from '../common/canonical-json';
import { todayInFrance } from '../common/codes';
import { APP_CONFIG, AppConfig } from '../config/config';
import { renderReportFiles, sha256 } from './report-files';
import { ReportNotifier } from './report-notifier';
import { replaceFiles, reportTitle, ReportView, Row, SELECT, toView } from './report-rows';
import { ReportSnapshot } from './report.types';
import { ReportErrorCode, ReportException } from './reports.exception';
import { ReportsService } from './reports.service';

/** The role printed in the signature block of an issued report. */
export const LEAD_ROLE = 'Cheffe / chef de projet, Smicval';

/** The lead issues a done draft: signed, frozen, and the pilot's reviewers and coordinators notified. */
@Injectable()
export class ReportIssuing {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
    private readonly notifier: ReportNotifier,
  ) {}

  /**
   * The lead issues a done report: its files are rendered once more with the signature block (the lead's name and
   * role, the day of issue, carried by the snapshot so the bytes stay reproducible), then it is frozen (the database
   * refuses any change to it). The pilot's reviewers and coordinators are notified.
   */
  async issue(ctx: RequestContext, id: string): Promise<ReportView> {
    const draft = await this.reports.visibleRow(ctx, id);
    this.checkIssuable(draft);
    const [{ snapshot }]: { snapshot: ReportSnapshot }[] = await this.db.query(
      `SELECT snapshot FROM reports WHERE id = $1`,
      [id],
    );
    const day = todayInFrance();
    const text = canonicalJson({ ...snapshot, signature: { name: ctx.user?.name ?? '', role: LEAD_ROLE, date: day } });
    const signed = JSON.parse(text) as ReportSnapshot;
    const digest = sha256(text);
    const files = await renderReportFiles(signed, digest, this.config.chromiumPath);
    const issued = await this.db.transaction(async (m) => {
      await m.query(`SELECT 1 FROM reports WHERE id = $1 FOR UPDATE`, [id]);
      const [fresh]: Row[] = await m.query(`${SELECT} WHERE r.id = $1`, [id]);
      this.checkIssuable(fresh);
      // Files first: once issued_at is set, the triggers refuse any change to them.
      await replaceFiles(m, id, files);
      await m.query(
        `UPDATE reports SET snapshot = $2::jsonb, snapshot_sha256 = $3, issued_at = now(), issued_by = $4, updated_at = now() WHERE id = $1`,
        [id, text, digest, ctx.user?.id ?? null],
      );
      await this.audit.record(m, ctx, {
        action: 'report.issue',
        entity: 'report',
        entityId: id,
        pilotId: fresh.pilotId,
        after: { version: fresh.version, sha256: digest, draftSha256: fresh.sha256 },
      });
      const [row]: Row[] = await m.query(`${SELECT} WHERE r.id = $1`, [id]);
      return toView(row);
    });
    await this.notifier.issued(
      { id, pilotId: issued.pilotId, title: reportTitle(issued), version: issued.version },
      day,
    );
    return issued;
  }

  private checkIssuable(row: Row): void {
    if (row.issuedAt)
      throw new ReportException(ReportErrorCode.ReportAlreadyIssued, `Version ${row.version} was already issued`);
    if (row.status !== 'done')
      throw new ReportException(
        ReportErrorCode.ReportNotReady,
        `Only a done report can be issued; this one is ${row.status}`,
      );
  }
}
