import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { ReportNotifier } from './report-notifier';
import { ReportErrorCode, ReportException } from './reports.exception';
import { reportTitle } from './report-rows';
import { ReportsService } from './reports.service';

export const REVIEW_DECISIONS = ['approve', 'changes_requested'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export type ReportComment = {
  id: string;
  reportId: string;
  version: number;
  authorName: string;
  authorRole: 'reviewer';
  body: string;
  decision: ReviewDecision | null;
  createdAt: string;
};

export type ReportReviews = {
  reportId: string;
  version: number;
  /** Every comment of every version of the report's series, oldest first. */
  comments: ReportComment[];
  /** Each reviewer's latest decision on this version. */
  decisions: { reviewerId: string; reviewerName: string; decision: ReviewDecision; decidedAt: string }[];
  /** The versions of the series, newest first, with their reviewers' latest decisions counted. */
  versions: {
    id: string;
    version: number;
    status: string;
    issuedAt: string | null;
    createdAt: string;
    approvals: number;
    changesRequested: number;
  }[];
};

type CommentRow = Omit<ReportComment, 'createdAt'> & { createdAt: Date };

/**
 * The reviewers' part in a draft report: comments (append-only) and, per reviewer and version, a decision (approve
 * or ask for changes: the latest one counts). Once issued, a report takes no more comments.
 */
@Injectable()
export class ReportReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
    private readonly notifier: ReportNotifier,
  ) {}

  /** GET /api/reports/:id/reviews: comments, decisions and versions, for anyone who may see the report. */
  async reviews(ctx: RequestContext, reportId: string): Promise<ReportReviews> {
    const report = await this.reports.get(ctx, reportId);
    const [{ seriesKey }]: { seriesKey: string }[] = await this.db.query(
      `SELECT series_key AS "seriesKey" FROM reports WHERE id = $1`,
      [reportId],
    );
    const comments: CommentRow[] = await this.db.query(
      `SELECT c.id, c.report_id AS "reportId", r.version, u.name AS "authorName", c.author_role AS "authorRole",
              c.body, c.decision, c.created_at AS "createdAt"
         FROM report_comments c JOIN reports r ON r.id = c.report_id JOIN users u ON u.id = c.author_id
        WHERE r.series_key = $1
        ORDER BY c.created_at, c.id`,
      [seriesKey],
    );
    // The latest decision of each reviewer on each version of the series.
    const latest = new Map<string, CommentRow & { authorId: string }>();
    const withAuthors: (CommentRow & { authorId: string })[] = await this.db.query(
      `SELECT c.id, c.report_id AS "reportId", c.author_id AS "authorId", u.name AS "authorName", c.decision, c.created_at AS "createdAt"
         FROM report_comments c JOIN reports r ON r.id = c.report_id JOIN users u ON u.id = c.author_id
        WHERE r.series_key = $1 AND c.decision IS NOT NULL
        ORDER BY c.created_at, c.id`,
      [seriesKey],
    );
    for (const c of withAuthors) latest.set(`${c.reportId}:${c.authorId}`, c);
    const decided = [...latest.values()];
    const versions: { id: string; version: number; status: string; issuedAt: Date | null; createdAt: Date }[] =
      await this.db.query(
        `SELECT id, version, status, issued_at AS "issuedAt", created_at AS "createdAt" FROM reports
          WHERE series_key = $1 ORDER BY version DESC`,
        [seriesKey],
      );
    return {
      reportId,
      version: report.version,
      comments: comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt).toISOString() })),
      decisions: decided
        .filter((d) => d.reportId === reportId)
        .map((d) => ({
          reviewerId: d.authorId,
          reviewerName: d.authorName,
          decision: d.decision as ReviewDecision,
          decidedAt: new Date(d.createdAt).toISOString(),
        })),
      versions: versions.map((v) => ({
        id: v.id,
        version: v.version,
        status: v.status,
        issuedAt: v.issuedAt ? new Date(v.issuedAt).toISOString() : null,
        createdAt: new Date(v.createdAt).toISOString(),
        approvals: decided.filter((d) => d.reportId === v.id && d.decision === 'approve').length,
        changesRequested: decided.filter((d) => d.reportId === v.id && d.decision === 'changes_requested').length,
      })),
    };
  }

  /** POST /api/reports/:id/comments: a reviewer of the pilot comments on a draft, with or without a decision. */
  async comment(
    ctx: RequestContext,
    reportId: string,
    input: { body?: string; decision?: ReviewDecision },
  ): Promise<ReportComment> {
    const report = await this.reports.get(ctx, reportId);
    if (!report.pilotId) throw new ReportException(ReportErrorCode.ReportNotFound, 'Report not found');
    const body = (input.body ?? '').trim();
    const created = await this.db.transaction(async (m) => {
      // Shares the lock issuing takes: a comment lands before the issue or is refused after it, never in between.
      const [state]: { status: string; issuedAt: Date | null }[] = await m.query(
        `SELECT status, issued_at AS "issuedAt" FROM reports WHERE id = $1 FOR SHARE`,
        [reportId],
      );
      if (state.issuedAt)
        throw new ReportException(
          ReportErrorCode.ReportReviewClosed,
          'The report is issued: it takes no more comments',
        );
      if (state.status !== 'done')
        throw new ReportException(
          ReportErrorCode.ReportNotReady,
          `Only a done draft can be reviewed; this one is ${state.status}`,
        );
      const [row]: CommentRow[] = await m.query(
        `INSERT INTO report_comments (report_id, pilot_id, author_id, author_role, body, decision)
         VALUES ($1, $2, $3, 'reviewer', $4, $5)
         RETURNING id, report_id AS "reportId", author_role AS "authorRole", body, decision, created_at AS "createdAt"`,
        [reportId, report.pilotId, ctx.user?.id, body, input.decision ?? null],
      );
      await this.audit.record(m, ctx, {
        action: 'report.comment',
        entity: 'report',
        entityId: reportId,
        pilotId: report.pilotId,
        after: { commentId: row.id, version: report.version, decision: row.decision },
      });
      return row;
    });
    const comment: ReportComment = {
      ...created,
      version: report.version,
      authorName: ctx.user?.name ?? '',
      createdAt: new Date(created.createdAt).toISOString(),
    };
    await this.notifier.commented(
      { id: reportId, pilotId: report.pilotId, title: reportTitle(report), version: report.version },
      { id: comment.id, author: comment.authorName, decision: comment.decision },
      todayInFrance(),
    );
    return comment;
  }
}
