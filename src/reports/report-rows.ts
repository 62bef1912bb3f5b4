import { EntityManager } from 'typeorm';
import { AUDIENCE_INFO, FINAL_TITLES } from './report-renderer';
import { sha256 } from './report-files';
import { Audience, EMPTY_NARRATIVE, ReportFormat, ReportKind } from './report.types';
import type { KeyFigures, Narrative, ReportStage, ReportStatus } from './report.types';
import type { Report } from './report.entity';

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
export type Row = Pick<
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

export const SELECT = `SELECT r.id, r.kind, r.pilot_id AS "pilotId", p.name AS "pilotName", r.call_id AS "callId", r.year, r.audience, r.version,
  r.origin, r.status, r.progress, r.stage, r.error, r.snapshot_sha256 AS sha256,
  (SELECT jsonb_object_agg(f.format, jsonb_build_object('sha256', f.sha256, 'bytes', octet_length(f.content))) FROM report_files f WHERE f.report_id = r.id) AS files,
  r.issued_at AS "issuedAt", r.figures, r.narrative,
  r.attempts, r.created_at AS "createdAt", r.finished_at AS "finishedAt", r.series_key AS "seriesKey", r.job_id AS "jobId"
  FROM reports r LEFT JOIN pilots p ON p.id = r.pilot_id`;

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

export function seriesKey(kind: ReportKind, ownerId: string, year: number | null, audience: Audience): string {
  return `${kind}:${ownerId}:${year ?? 'all'}:${audience}`;
}

export function toView(r: Row): ReportView {
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

/** A report's three files, replaced in the transaction that stores or issues it. */
export async function replaceFiles(m: EntityManager, id: string, files: Record<ReportFormat, Buffer>): Promise<void> {
  await m.query(`DELETE FROM report_files WHERE report_id = $1`, [id]);
  for (const format of ['html', 'pdf', 'xlsx'] as const) {
    await m.query(`INSERT INTO report_files (report_id, format, content, sha256) VALUES ($1, $2, $3, $4)`, [
      id,
      format,
      files[format],
      sha256(files[format]),
    ]);
  }
}
