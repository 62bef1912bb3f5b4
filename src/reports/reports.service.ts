import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { canReachPilot, isLead, pilotScope, RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { PilotsService } from '../pilots/pilots.service';
import { projectYearRange } from '../pilots/pilot-terms';
import { queueCall } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue.constants';
import { addJob, QueueOf } from '../queues/queue.types';
import { ReportSnapshotService } from './report-snapshot.service';
import { PilotReportInput, ReportFile, reportJobId, ReportView, Row, SELECT, seriesKey, toView } from './report-rows';
import { Audience, EMPTY_NARRATIVE, Narrative, ReportFormat, ReportKind } from './report.types';
import { ReportErrorCode, ReportException } from './reports.exception';

export type { PilotReportInput, ReportFile, ReportView } from './report-rows';

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Reports, API side: a request creates the next version's row and queues its job (202); reads and downloads come
 * from the rows, so the API answers without the queue. Producing (ReportGenerator), issuing (ReportIssuing) and the
 * automatic drafts (ReportDrafts) are their own services.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Reports) private readonly queue: QueueOf<'reports'>,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
    private readonly snapshots: ReportSnapshotService,
  ) {}

  /**
   * POST /api/pilots/:id/reports: the next version of (pilot, year, audience) — or of the pilot's final report
   * (kind 'final', once its last operating year is over) — or the one still in progress.
   */
  async createForPilot(
    ctx: RequestContext,
    pilotId: string,
    input: PilotReportInput,
    options: { queue?: boolean; origin?: 'manual' | 'auto' } = {},
  ): Promise<ReportView> {
    const terms = await this.pilots.terms(pilotId);
    if (!terms.startDate)
      throw new ReportException(
        ReportErrorCode.ReportPilotNotStarted,
        'The pilot has no start date yet: its project years are not defined',
      );
    const final = input.kind === 'final';
    if (final) {
      const end = projectYearRange(terms.startDate, terms.operatingYears).to;
      if (end >= todayInFrance())
        throw new ReportException(
          ReportErrorCode.ReportFinalTooEarly,
          `The final report exists once the last operating year (${terms.operatingYears}) has ended on ${end}`,
        );
    } else if ((input.year ?? 0) > terms.operatingYears) {
      throw new ReportException(
        ReportErrorCode.ReportYearOutOfRange,
        `The pilot has ${terms.operatingYears} project years`,
        [{ field: 'year', code: 'max', message: `year must be at most ${terms.operatingYears}` }],
      );
    }
    return this.create(
      ctx,
      {
        kind: final ? 'final' : 'pilot',
        ownerId: pilotId,
        pilotId,
        callId: null,
        year: final ? null : (input.year as number),
        audience: input.audience,
        narrative: input.narrative,
        origin: options.origin ?? 'manual',
      },
      options.queue ?? true,
    );
  }

  /** POST /api/calls/:id/reports: a wave-wide report (lead only). */
  async createForCall(
    ctx: RequestContext,
    callId: string,
    input: { audience: Audience; year?: number; narrative?: Narrative },
  ): Promise<ReportView> {
    await this.snapshots.callExists(callId);
    return this.create(ctx, {
      kind: 'wave',
      ownerId: callId,
      pilotId: null,
      callId,
      year: input.year ?? null,
      audience: input.audience,
      narrative: input.narrative,
      origin: 'manual',
    });
  }

  /** The next version of a series, or the one still in progress (one creation at a time per series). */
  async create(
    ctx: RequestContext,
    input: {
      kind: ReportKind;
      ownerId: string;
      pilotId: string | null;
      callId: string | null;
      year: number | null;
      audience: Audience;
      narrative?: Narrative;
      origin: 'manual' | 'auto';
    },
    queue = true,
  ): Promise<ReportView> {
    const key = seriesKey(input.kind, input.ownerId, input.year, input.audience);
    const { row, created } = await this.db.transaction(async (m) => {
      // One creation at a time per series: versions never collide and a double click queues nothing twice.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
      const [latest]: Row[] = await m.query(`${SELECT} WHERE r.series_key = $1 ORDER BY r.version DESC LIMIT 1`, [key]);
      if (latest && (latest.status === 'queued' || latest.status === 'running')) return { row: latest, created: false };
      const version = (latest?.version ?? 0) + 1;
      const narrative = input.narrative ?? (latest ? { ...EMPTY_NARRATIVE, ...latest.narrative } : EMPTY_NARRATIVE);
      const jobId = reportJobId(input.kind, input.ownerId, input.year, input.audience, version);
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO reports (kind, pilot_id, call_id, year, audience, version, series_key, origin, job_id, narrative, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          input.kind,
          input.pilotId,
          input.callId,
          input.year,
          input.audience,
          version,
          key,
          input.origin,
          jobId,
          JSON.stringify(narrative),
          ctx.user?.id ?? null,
        ],
      );
      await this.audit.record(m, ctx, {
        action: 'report.create',
        entity: 'report',
        entityId: id,
        pilotId: input.pilotId,
        after: {
          kind: input.kind,
          callId: input.callId,
          year: input.year,
          audience: input.audience,
          version,
          origin: input.origin,
        },
      });
      const [row]: Row[] = await m.query(`${SELECT} WHERE r.id = $1`, [id]);
      return { row, created: true };
    });
    if (queue && (created || row.status === 'queued')) await this.enqueue(row);
    return toView(row);
  }

  /**
   * Bounded by queueCall: Redis away answers 503 queue_unavailable (with Retry-After) within 2 s. The row is then
   * marked failed, so it is neither produced later by a replayed add nor left « queued » for the reconciler.
   */
  private async enqueue(row: Pick<Row, 'id' | 'jobId'>): Promise<void> {
    try {
      // The deterministic job id makes a second add of the same version a no-op.
      await queueCall(addJob(this.queue, JobName.GenerateReport, { reportId: row.id }, { jobId: row.jobId }));
    } catch (e) {
      this.logger.error(`Could not queue report ${row.id}: ${e instanceof Error ? e.message : String(e)}`);
      await this.db.query(
        `UPDATE reports SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status = 'queued'`,
        [row.id, 'The job queue is unavailable; generate the report again later'],
      );
      throw e;
    }
  }

  async get(ctx: RequestContext, id: string): Promise<ReportView> {
    return toView(await this.visibleRow(ctx, id));
  }

  /** A report the caller may see: pilot reports by the pilot's scope, wave reports by leads only; else 404. */
  async visibleRow(ctx: RequestContext, id: string, m: EntityManager = this.db.manager): Promise<Row> {
    const [row]: Row[] = await m.query(`${SELECT} WHERE r.id = $1`, [id]);
    const visible = row && (row.pilotId ? canReachPilot(ctx, row.pilotId) : isLead(ctx));
    if (!visible) throw new ReportException(ReportErrorCode.ReportNotFound, 'Report not found');
    return row;
  }

  /** Versions of a pilot's reports (newest first), or of a call's wave reports, or every report in scope. */
  async list(
    ctx: RequestContext,
    filter: { pilotId?: string; callId?: string; year?: number; audience?: Audience; limit?: number; cursor?: string },
  ): Promise<Page<ReportView>> {
    const limit = filter.limit ?? 50;
    const after = decodeCursor(filter.cursor);
    const scope = pilotScope(ctx);
    const rows: Row[] = await this.db.query(
      `${SELECT}
        WHERE (($1::uuid[] IS NULL) OR r.pilot_id = ANY($1))
          AND ($2::uuid IS NULL OR r.pilot_id = $2)
          AND ($3::uuid IS NULL OR (r.call_id = $3 AND r.kind = 'wave'))
          AND ($4::int IS NULL OR r.year = $4)
          AND ($5::text IS NULL OR r.audience = $5)
          AND ($6::timestamptz IS NULL OR (r.created_at, r.id) < ($6::timestamptz, $7::uuid))
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT $8`,
      [
        scope,
        filter.pilotId ?? null,
        filter.callId ?? null,
        filter.year ?? null,
        filter.audience ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toView),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.createdAt).toISOString(), last.id]) : null,
    };
  }

  async file(ctx: RequestContext, id: string, format: ReportFormat): Promise<ReportFile> {
    const row = await this.visibleRow(ctx, id);
    if (row.status !== 'done')
      throw new ReportException(
        ReportErrorCode.ReportNotReady,
        `The report is ${row.status}; its files exist once it is done`,
      );
    const [file]: { content: Buffer; sha256: string }[] = await this.db.query(
      `SELECT content, sha256 FROM report_files WHERE report_id = $1 AND format = $2`,
      [id, format],
    );
    if (!file) throw new ReportException(ReportErrorCode.ReportNotFound, 'Report file not found');
    const owner =
      row.kind === 'pilot'
        ? `${slug(row.pilotName ?? 'pilote')}-annee-${row.year}`
        : row.kind === 'final'
          ? `${slug(row.pilotName ?? 'pilote')}-bilan`
          : `vague-${row.callId?.slice(0, 8)}`;
    return {
      content: file.content,
      contentType: CONTENT_TYPES[format],
      filename: `rapport-${owner}-${row.audience}-v${row.version}.${format}`,
      sha256: file.sha256,
    };
  }
}

function slug(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'pilote'
  );
}
