import { canonicalJson } from '../common/canonical-json';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { canReachPilot, isLead, pilotScope, RequestContext, SYSTEM_CONTEXT } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PilotsService } from '../pilots/pilots.service';
import { projectYearRange } from '../pilots/pilot-terms';
import { queueCall } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue.constants';
import { closeReportBrowser, printReportPdf } from './report-pdf';
import { AUDIENCE_INFO, FINAL_TITLES, renderReportHtml } from './report-renderer';
import { ReportLogoService } from './report-logo.service';
import { ReportNotifier } from './report-notifier';
import { ReportSnapshotService } from './report-snapshot.service';
import { renderReportXlsx } from './report-xlsx';
import {
  Audience,
  EMPTY_NARRATIVE,
  KeyFigures,
  Narrative,
  ReportFormat,
  ReportKind,
  ReportSnapshot,
  ReportStage,
  ReportStatus,
} from './report.types';
import { ReportErrorCode, ReportException } from './reports.exception';
import type { Report } from './report.entity';
import { addJob, QueueOf, upsertScheduler } from '../queues/queue.types';

export type ReportView = {
  id: string;
  kind: ReportKind;
  pilotId: string | null;
  pilotName: string | null;
  callId: string | null;
  year: number | null;
  audience: Audience;
  version: number;
  origin: 'manual' | 'auto';
  status: ReportStatus;
  progress: number;
  stage: ReportStage | null;
  error?: string;
  sha256?: string;
  files?: Record<ReportFormat, { sha256: string; bytes: number }>;
  issuedAt?: string;
  figures?: KeyFigures;
  narrative: Narrative;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
};

export type PilotReportInput = {
  kind?: 'yearly' | 'final';
  year?: number;
  audience: Audience;
  narrative?: Narrative;
};

export type ReportFile = { content: Buffer; contentType: string; filename: string; sha256: string };

/** A report as `SELECT` reads it: the entity's columns under their property names, the pilot's name and the files. */
type Row = Pick<
  Report,
  | 'id'
  | 'kind'
  | 'pilotId'
  | 'callId'
  | 'year'
  | 'audience'
  | 'version'
  | 'origin'
  | 'status'
  | 'progress'
  | 'stage'
  | 'error'
  | 'issuedAt'
  | 'attempts'
  | 'createdAt'
  | 'finishedAt'
  | 'seriesKey'
  | 'jobId'
> & {
  pilotName: string | null;
  sha256: Report['snapshotSha256'];
  files: Record<ReportFormat, { sha256: string; bytes: number }> | null;
  figures: KeyFigures | null;
  narrative: Narrative;
};

const SELECT = `SELECT r.id, r.kind, r.pilot_id AS "pilotId", p.name AS "pilotName", r.call_id AS "callId", r.year, r.audience, r.version,
  r.origin, r.status, r.progress, r.stage, r.error, r.snapshot_sha256 AS sha256,
  (SELECT jsonb_object_agg(f.format, jsonb_build_object('sha256', f.sha256, 'bytes', octet_length(f.content))) FROM report_files f WHERE f.report_id = r.id) AS files,
  r.issued_at AS "issuedAt", r.figures, r.narrative,
  r.attempts, r.created_at AS "createdAt", r.finished_at AS "finishedAt", r.series_key AS "seriesKey", r.job_id AS "jobId"
  FROM reports r LEFT JOIN pilots p ON p.id = r.pilot_id`;

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const STAGE_LABELS: Record<ReportStage, string> = {
  snapshot: 'Snapshot',
  html: 'HTML',
  pdf: 'PDF',
  xlsx: 'XLSX',
  store: 'Storage',
};

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The running header of a report's PDF pages. */
export function reportHeader(snapshot: ReportSnapshot): string {
  const info = AUDIENCE_INFO[snapshot.audience];
  if (snapshot.kind === 'final') return `${FINAL_TITLES[snapshot.audience]} — ${snapshot.pilot.name}`;
  return snapshot.kind === 'pilot'
    ? `${info.title} — ${snapshot.pilot.name} — année ${snapshot.year}`
    : `${info.waveTitle} — ${snapshot.call.title}`;
}

/**
 * Snapshot → the report's three files. Everything is taken from the snapshot (dates included), so rendering an
 * issued report's snapshot again gives the same bytes, hence the same sha256.
 */
export async function renderReportFiles(
  snapshot: ReportSnapshot,
  snapshotSha256: string,
  chromiumPath: string,
  onStage: (stage: ReportStage, progress: number) => Promise<void> = async () => undefined,
): Promise<Record<ReportFormat, Buffer>> {
  await onStage('html', 40);
  const html = renderReportHtml(snapshot, snapshotSha256);
  await onStage('pdf', 55);
  // The spreadsheet is written while Chromium prints (another process): the two overlap instead of adding up.
  const xlsxDone = renderReportXlsx(snapshot);
  xlsxDone.catch(() => undefined);
  const pdf = await printReportPdf(html, { chromiumPath, header: reportHeader(snapshot), date: snapshot.asOf });
  await onStage('xlsx', 80);
  const xlsx = await xlsxDone;
  return { html: Buffer.from(html, 'utf8'), pdf, xlsx };
}

/** The role printed in the signature block of an issued report. */
export const LEAD_ROLE = 'Cheffe / chef de projet, Smicval';

/** A report's title as its header and notifications give it. */
export function reportTitle(r: Pick<ReportView, 'kind' | 'audience' | 'pilotName' | 'year'>): string {
  const info = AUDIENCE_INFO[r.audience];
  if (r.kind === 'final') return `${FINAL_TITLES[r.audience]} — ${r.pilotName ?? ''}`;
  if (r.kind === 'wave') return info.waveTitle;
  return `${info.title} — ${r.pilotName ?? ''} — année ${r.year}`;
}

/** BullMQ forbids ':' in custom ids, so the deterministic id uses '-'. */
export function reportJobId(
  kind: ReportKind,
  ownerId: string,
  year: number | null,
  audience: Audience,
  version: number,
): string {
  if (kind === 'final') return `report-final-${ownerId}-${audience}-v${version}`;
  return kind === 'pilot'
    ? `report-${ownerId}-${year}-${audience}-v${version}`
    : `report-wave-${ownerId}-${year ?? 'all'}-${audience}-v${version}`;
}

function seriesKey(kind: ReportKind, ownerId: string, year: number | null, audience: Audience): string {
  return `${kind}:${ownerId}:${year ?? 'all'}:${audience}`;
}

function toView(r: Row): ReportView {
  return {
    id: r.id,
    kind: r.kind,
    pilotId: r.pilotId,
    pilotName: r.pilotName,
    callId: r.callId,
    year: r.year,
    audience: r.audience,
    version: r.version,
    origin: r.origin,
    status: r.status,
    progress: r.progress,
    stage: r.stage,
    ...(r.error ? { error: r.error } : {}),
    ...(r.sha256 && r.status === 'done' ? { sha256: r.sha256 } : {}),
    ...(r.files && r.status === 'done' ? { files: r.files } : {}),
    ...(r.issuedAt ? { issuedAt: new Date(r.issuedAt).toISOString() } : {}),
    ...(r.figures && r.status === 'done' ? { figures: r.figures } : {}),
    narrative: { ...EMPTY_NARRATIVE, ...r.narrative },
    attempts: r.attempts,
    createdAt: new Date(r.createdAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
  };
}

class StageError extends Error {
  constructor(stage: ReportStage, cause: unknown) {
    super(
      `${STAGE_LABELS[stage]} stage failed: ${cause instanceof Error ? cause.message : String(cause)}`.slice(0, 1900),
    );
  }
}

/**
 * Reports: the API side creates a row and queues a job (202); the worker side gathers the snapshot, renders
 * HTML, PDF and XLSX from it, and stores everything in one final transaction, so no half-made report is
 * ever marked done. Progress and errors live in the row, so the API answers without the queue.
 */
@Injectable()
export class ReportsService implements OnModuleDestroy {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Reports) private readonly queue: QueueOf<'reports'>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
    private readonly snapshots: ReportSnapshotService,
    private readonly notifier: ReportNotifier,
    private readonly logos: ReportLogoService,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await closeReportBrowser();
  }

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

  /** Creates and produces a report in this process, without the queue (demo seeding, benchmark). */
  async generateNow(ctx: RequestContext, pilotId: string, input: PilotReportInput): Promise<ReportView> {
    const created = await this.createForPilot(ctx, pilotId, input, { queue: false });
    await this.generate(created.id);
    return this.get(ctx, created.id);
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

  private async create(
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
  private async visibleRow(ctx: RequestContext, id: string, m: EntityManager = this.db.manager): Promise<Row> {
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

  /**
   * The lead issues a done report: its files are rendered once more with the signature block (the lead's name and
   * role, the day of issue, carried by the snapshot so the bytes stay reproducible), then it is frozen (the database
   * refuses any change to it). The pilot's reviewers and coordinators are notified.
   */
  async issue(ctx: RequestContext, id: string): Promise<ReportView> {
    const draft = await this.visibleRow(ctx, id);
    this.checkIssuable(draft);
    const [{ snapshot }]: { snapshot: ReportSnapshot }[] = await this.db.query(
      `SELECT snapshot FROM reports WHERE id = $1`,
      [id],
    );
    const day = todayInFrance();
    const signed = JSON.parse(
      canonicalJson({ ...snapshot, signature: { name: ctx.user?.name ?? '', role: LEAD_ROLE, date: day } }),
    ) as ReportSnapshot;
    const text = canonicalJson(signed);
    const digest = sha256(text);
    const files = await renderReportFiles(signed, digest, this.config.chromiumPath);
    const issued = await this.db.transaction(async (m) => {
      await m.query(`SELECT 1 FROM reports WHERE id = $1 FOR UPDATE`, [id]);
      const [fresh]: Row[] = await m.query(`${SELECT} WHERE r.id = $1`, [id]);
      this.checkIssuable(fresh);
      // Files first: once issued_at is set, the triggers refuse any change to them.
      await m.query(`DELETE FROM report_files WHERE report_id = $1`, [id]);
      for (const format of ['html', 'pdf', 'xlsx'] as const) {
        await m.query(`INSERT INTO report_files (report_id, format, content, sha256) VALUES ($1, $2, $3, $4)`, [
          id,
          format,
          files[format],
          sha256(files[format]),
        ]);
      }
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

  // ---- worker side ----

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
      return this.snapshots.finalSnapshot({
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
      await m.query(`DELETE FROM report_files WHERE report_id = $1`, [id]);
      for (const format of ['html', 'pdf', 'xlsx'] as const) {
        await m.query(`INSERT INTO report_files (report_id, format, content, sha256) VALUES ($1, $2, $3, $4)`, [
          id,
          format,
          files[format],
          sha256(files[format]),
        ]);
      }
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

  /**
   * The daily check: every project year that has ended gets one automatic draft (audience ADEME), once — the
   * unique index on automatic drafts decides, whatever the schedule or a concurrent worker does.
   */
  async queueDueDrafts(today: string = todayInFrance()): Promise<number> {
    let queued = 0;
    for (const p of await this.snapshots.pilotsWithTerms()) {
      if (!p.startDate) continue;
      for (let year = 1; year <= p.operatingYears; year++) {
        if (projectYearRange(p.startDate, year).to >= today) break;
        const [exists] = await this.db.query(
          `SELECT 1 FROM reports WHERE pilot_id = $1 AND year = $2 AND origin = 'auto'`,
          [p.id, year],
        );
        if (exists) continue;
        try {
          await this.create(SYSTEM_CONTEXT, {
            kind: 'pilot',
            ownerId: p.id,
            pilotId: p.id,
            callId: null,
            year,
            audience: 'ademe',
            origin: 'auto',
          });
          queued++;
        } catch (e) {
          // Another worker queued the same draft at the same moment: the unique index refused ours.
          if ((e as { code?: string }).code !== '23505') throw e;
        }
      }
      if (projectYearRange(p.startDate, p.operatingYears).to < today && (await this.queueFinalDraft(p.id))) queued++;
    }
    return queued;
  }

  /** The programme's final report, proposed once as a draft (audience ADEME) after the last operating year. */
  private async queueFinalDraft(pilotId: string): Promise<boolean> {
    const [exists] = await this.db.query(
      `SELECT 1 FROM reports WHERE pilot_id = $1 AND kind = 'final' AND origin = 'auto'`,
      [pilotId],
    );
    if (exists) return false;
    try {
      await this.create(SYSTEM_CONTEXT, {
        kind: 'final',
        ownerId: pilotId,
        pilotId,
        callId: null,
        year: null,
        audience: 'ademe',
        origin: 'auto',
      });
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      return false;
    }
  }

  /** Repeats the draft check every day at 05:15 (Paris); upserting keeps one scheduler however many workers start. */
  async scheduleDrafts(): Promise<void> {
    await upsertScheduler(
      this.queue,
      'report-drafts',
      { pattern: '15 5 * * *', tz: 'Europe/Paris' },
      { name: JobName.ReportDrafts, data: {}, opts: { attempts: 3 } },
    );
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
