import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Audience } from './report.types';
import { ReportErrorCode, ReportException } from './reports.exception';
import { reportTitle } from './report-rows';

/** An issued (frozen) report of one pilot, as its public page lists it. */
export type IssuedReport = {
  id: string;
  kind: 'pilot' | 'final';
  year: number | null;
  audience: Audience;
  version: number;
  title: string;
  issuedAt: string;
  pdfBytes: number;
  pdfSha256: string;
};

/**
 * The issued reports of one pilot and their PDF, with no caller in scope: the publication feature decides whether
 * the pilot's reports are public before asking. Drafts and reports not yet issued are never answered here.
 */
@Injectable()
export class IssuedReports {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(pilotId: string): Promise<IssuedReport[]> {
    const rows: (Omit<IssuedReport, 'title' | 'issuedAt'> & { pilotName: string; issuedAt: Date })[] =
      await this.db.query(
        `SELECT r.id, r.kind, r.year, r.audience, r.version, r.issued_at AS "issuedAt", p.name AS "pilotName",
                octet_length(f.content)::int AS "pdfBytes", f.sha256 AS "pdfSha256"
           FROM reports r JOIN pilots p ON p.id = r.pilot_id
           JOIN report_files f ON f.report_id = r.id AND f.format = 'pdf'
          WHERE r.pilot_id = $1 AND r.issued_at IS NOT NULL AND r.kind IN ('pilot', 'final')
          ORDER BY r.issued_at DESC, r.id`,
        [pilotId],
      );
    return rows.map(({ pilotName, issuedAt, ...r }) => ({
      ...r,
      title: reportTitle({ kind: r.kind, audience: r.audience, pilotName, year: r.year }),
      issuedAt: new Date(issuedAt).toISOString(),
    }));
  }

  /** The PDF of an issued report of this pilot; anything else (a draft, another pilot's report) is 404. */
  async pdf(pilotId: string, reportId: string): Promise<{ content: Buffer; sha256: string; report: IssuedReport }> {
    const report = (await this.list(pilotId)).find((r) => r.id === reportId);
    if (!report) throw new ReportException(ReportErrorCode.ReportNotFound, 'Report not found');
    const [file]: { content: Buffer; sha256: string }[] = await this.db.query(
      `SELECT content, sha256 FROM report_files WHERE report_id = $1 AND format = 'pdf'`,
      [reportId],
    );
    if (!file) throw new ReportException(ReportErrorCode.ReportNotFound, 'Report not found');
    return { ...file, report };
  }
}
