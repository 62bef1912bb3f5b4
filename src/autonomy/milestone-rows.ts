import { checkUploadedFile, safeFileName, UploadType } from '../common/uploaded-file';
import { AutonomyErrorCode, AutonomyException } from './autonomy.exception';
import { evaluateTarget, Target, YearIndicators } from './indicators';
import { isLate, MilestoneStatus, targetVerdict, TargetVerdict } from './milestones';

/**
 * A milestone as the API shows it and as the table stores it: the shapes, the row read by `MILESTONE_SELECT`, its
 * mapping (late flag and target verdict derived, never stored), what the audit trail keeps, and the evidence file check.
 */

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

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** What a pilot's coordinator may change on a milestone; the rest of the roadmap is the lead's. */
export const COORDINATOR_FIELDS = new Set(['status', 'evidence']);

export const MILESTONE_SELECT = `
  SELECT id, pilot_id AS "pilotId", title, description, due_date AS "dueDate", owner, status,
         evidence_text AS "evidenceText", evidence_url AS "evidenceUrl", evidence_file_name AS "fileName",
         evidence_file_type AS "fileType", octet_length(evidence_file) AS "fileSize",
         target_indicator AS "targetIndicator", target_operator AS "targetOperator", target_value AS "targetValue", target_year AS "targetYear",
         completed_at AS "completedAt", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM milestones`;

export type MilestoneRow = {
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

export function toMilestone(r: MilestoneRow, years: YearIndicators[], today: string): Milestone {
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
export function snapshot(r: MilestoneRow): Record<string, unknown> {
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
export async function checkEvidenceFile(file: {
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
