import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { frenchDate } from '../common/format-fr';
import type { CallsService } from './calls.service';
import { CandidaturesErrorCode, CandidaturesException } from './candidatures.exception';
import { isPhaseOpen } from './deadline';
import type {
  Call,
  ClockOptions,
  CandidatureStatus,
  Commune,
  Decision,
  Eligibility,
  Engagement,
  Intention,
  Phase,
  Scores,
  ScoreStats,
} from './candidatures.types';
import { eligibility, scoreStats } from './scoring';
import { isoUtc } from '../common/sql-iso';

/** The candidature's rows as the services read them, the views built from them, and the errors they share. */

export const UNDECIDED: CandidatureStatus[] = ['intention_submitted', 'engagement_submitted'];
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** Who is acting on a candidature: a signed-in lead by id, or the commune by its private link. */
export type Target = { id: string } | { editToken: string };

export type AttachmentView = { id: string; filename: string; sizeBytes: number; sha256: string; createdAt: string };

export type CandidatureView = ScoreStats & {
  id: string;
  dossierNumber: string;
  callId: string;
  callTitle: string;
  status: CandidatureStatus;
  source: 'online' | 'entered';
  communes: Commune[];
  inhabitants: number;
  contactName: string | null;
  contactEmail: string | null;
  eligibility: Eligibility;
  intention: Intention;
  engagement: Engagement | null;
  attachments: AttachmentView[];
  intentionSubmittedAt: string;
  engagementSubmittedAt: string | null;
  intentionReopenedUntil: string | null;
  engagementReopenedUntil: string | null;
  decision: {
    decision: Decision;
    deliberationNumber: string | null;
    deliberationDate: string | null;
    justification: string | null;
    decidedAt: string;
  } | null;
  pilotId: string | null;
  personalDataErasedAt: string | null;
  createdAt: string;
  /** Blind scoring: true when the caller may not see the score figures yet (see RankingService.mask). */
  scoresHidden: boolean;
};

export type Row = {
  id: string;
  dossier_number: string;
  call_id: string;
  call_title: string;
  status: CandidatureStatus;
  source: 'online' | 'entered';
  communes: Commune[];
  inhabitants: number;
  contact_name: string | null;
  contact_email: string | null;
  intention: Intention;
  engagement: Engagement | null;
  intention_submitted_at: Date;
  engagement_submitted_at: Date | null;
  intention_reopened_until: string | null;
  engagement_reopened_until: string | null;
  deliberation_number: string | null;
  deliberation_date: string | null;
  justification: string | null;
  decided_at: Date | null;
  personal_data_erased_at: Date | null;
  created_at: Date;
  min_inhabitants: number;
  max_inhabitants: number;
  pilot_id: string | null;
  scores: Scores[];
  committee_size: number;
  attachments: AttachmentView[];
};

export const ROW_SELECT = `SELECT k.*, c.title AS call_title, c.min_inhabitants, c.max_inhabitants, p.id AS pilot_id,
  COALESCE((SELECT json_agg(json_build_object('size', e.size, 'grouping', e."grouping", 'cooperation', e.cooperation, 'actors', e.actors,
      'values', e."values", 'capacity', e.capacity, 'leadership', e.leadership) ORDER BY e.created_at)
    FROM candidature_evaluations e WHERE e.candidature_id = k.id), '[]'::json) AS scores,
  COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'sizeBytes', a.size_bytes, 'sha256', a.sha256,
      'createdAt', ${isoUtc('a.created_at')}) ORDER BY a.created_at, a.id)
    FROM candidature_attachments a WHERE a.candidature_id = k.id), '[]'::json) AS attachments,
  (SELECT count(DISTINCT u.id)::int FROM users u
    WHERE ((u.role = 'committee' AND u.active)
       OR u.id IN (SELECT e.member_id FROM candidature_evaluations e JOIN candidatures kk ON kk.id = e.candidature_id WHERE kk.call_id = k.call_id))
      -- A recused member is not expected to score this candidature.
      AND NOT EXISTS (SELECT 1 FROM candidature_conflicts d WHERE d.candidature_id = k.id AND d.member_id = u.id AND d.has_conflict)) AS committee_size
  FROM candidatures k JOIN calls c ON c.id = k.call_id LEFT JOIN pilots p ON p.candidature_id = k.id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();
/** A new private link's secret (256 bits); only its SHA-256 is stored. */
export const newEditToken = () => randomBytes(32).toString('base64url');

export function toView(r: Row): CandidatureView {
  const decided = !UNDECIDED.includes(r.status);
  return {
    id: r.id,
    dossierNumber: r.dossier_number,
    callId: r.call_id,
    callTitle: r.call_title,
    status: r.status,
    source: r.source,
    communes: r.communes,
    inhabitants: r.inhabitants,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    eligibility: eligibility(r.inhabitants, { minInhabitants: r.min_inhabitants, maxInhabitants: r.max_inhabitants }),
    intention: r.intention,
    engagement: r.engagement,
    attachments: r.attachments,
    intentionSubmittedAt: new Date(r.intention_submitted_at).toISOString(),
    engagementSubmittedAt: iso(r.engagement_submitted_at),
    intentionReopenedUntil: r.intention_reopened_until,
    engagementReopenedUntil: r.engagement_reopened_until,
    decision: decided
      ? {
          decision: r.status as Decision,
          deliberationNumber: r.deliberation_number,
          deliberationDate: r.deliberation_date,
          justification: r.justification,
          decidedAt: new Date(r.decided_at as Date).toISOString(),
        }
      : null,
    pilotId: r.pilot_id,
    personalDataErasedAt: iso(r.personal_data_erased_at),
    createdAt: new Date(r.created_at).toISOString(),
    scoresHidden: false,
    ...scoreStats(r.scores, r.committee_size),
  };
}

export function badToken(): CandidaturesException {
  return new CandidaturesException(
    CandidaturesErrorCode.InvalidEditToken,
    'Ce lien de candidature est invalide ou a expiré.',
  );
}

/** The candidature's row, by id or by private link; `lock` takes it FOR UPDATE (two changes run one after the other). */
export async function loadRow(m: EntityManager, target: Target, lock = false): Promise<Row> {
  const where = 'id' in target ? 'k.id = $1' : 'k.edit_token_hash = $1';
  let param: string | Buffer;
  if ('id' in target) param = target.id;
  else {
    if (!TOKEN_FORMAT.test(target.editToken)) throw badToken();
    param = hashToken(target.editToken);
  }
  const rows: Row[] = await m.query(`${ROW_SELECT} WHERE ${where}${lock ? ' FOR UPDATE OF k' : ''}`, [param]);
  if (!rows[0])
    throw 'id' in target
      ? new CandidaturesException(CandidaturesErrorCode.CandidatureNotFound, 'Candidature not found')
      : badToken();
  return rows[0];
}

export function deadlinePassed(phase: Phase, lastDay: string): CandidaturesException {
  const letter =
    phase === 'intention'
      ? "La date limite de dépôt des lettres d'intention"
      : "La date limite de dépôt des lettres d'engagement";
  const text = `${letter} était le ${frenchDate(lastDay)} à minuit (heure de Paris) : le dépôt n'est plus possible. Contactez le Smicval si vous pensez qu'il s'agit d'une erreur.`;
  return new CandidaturesException(
    CandidaturesErrorCode.DeadlinePassed,
    `The ${phase} deadline was ${lastDay}`,
  ).withFrenchDetail(text);
}

/** The phase's last day for this candidature: the call's, or a later day the lead reopened it until. */
export function lastDay(deadline: string, reopened: string | null): string {
  return reopened && reopened > deadline ? reopened : deadline;
}

export function assertUndecided(r: Row): void {
  if (!UNDECIDED.includes(r.status)) {
    throw new CandidaturesException(
      CandidaturesErrorCode.AlreadyDecided,
      'La décision sur cette candidature est déjà prise : elle ne peut plus être modifiée.',
    );
  }
}

export const communesOf = (cs: Commune[]) =>
  cs.map((c) => ({ name: c.name, ...(c.inseeCode ? { inseeCode: c.inseeCode } : {}) }));

/**
 * The candidature locked for a change in one phase: undecided, and the phase still open for it (the call's
 * deadline or a later reopening of this candidature); else 409 `already_decided` or `deadline_passed`.
 */
export async function lockForPhase(
  m: EntityManager,
  calls: Pick<CallsService, 'get'>,
  target: Target,
  phase: Phase,
  opts: ClockOptions = {},
): Promise<{ r: Row; call: Call }> {
  const r = await loadRow(m, target, true);
  assertUndecided(r);
  const call = await calls.get(r.call_id, m, opts);
  const [deadline, reopened] =
    phase === 'intention'
      ? [call.intentionDeadline, r.intention_reopened_until]
      : [call.engagementDeadline, r.engagement_reopened_until];
  if (!isPhaseOpen(deadline, opts.now ?? new Date(), reopened))
    throw deadlinePassed(phase, lastDay(deadline, reopened));
  return { r, call };
}
