import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { reserveInWindow } from '../common/throttle';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { addDays } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import type { CreatePilotInput } from '../pilots/pilots.types';
import { CallsService } from './calls.service';
import { CandidaturesErrorCode, CandidaturesException } from './candidatures.exception';
import {
  Call,
  CandidatureActor,
  CandidatureStatus,
  ClockOptions,
  Commune,
  Decision,
  Eligibility,
  Engagement,
  Intention,
  Phase,
  Scores,
  ScoreStats,
} from './candidatures.types';
import { frenchDate } from '../common/format-fr';
import { isPhaseOpen } from './deadline';
import { todayInFrance } from '../common/codes';
import { eligibility, scoreStats } from './scoring';

/** At most this many letters of intention from one address per hour through the public form. */
export const PUBLIC_SUBMISSIONS_PER_HOUR = 10;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
const UNDECIDED: CandidatureStatus[] = ['intention_submitted', 'engagement_submitted'];

export type IntentionInput = {
  communes: Commune[];
  inhabitants: number;
  intention: Intention;
  contactName?: string;
  contactEmail?: string;
};
export type EngagementInput = Partial<Omit<Engagement, 'hybridPolicies' | 'description' | 'citizenInvolvement'>> &
  Pick<Engagement, 'hybridPolicies' | 'description' | 'citizenInvolvement'> & {
    communes?: Commune[];
    inhabitants?: number;
  };
export type DecisionInput = {
  decision: Decision;
  deliberationNumber: string;
  deliberationDate: string;
  justification?: string;
  pilotStartDate?: string;
};
/** Who is acting on a candidature: a signed-in lead by id, or the commune by its private link. */
export type Target = { id: string } | { editToken: string };

export type CandidatureView = ScoreStats & {
  id: string;
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
  createdAt: string;
  /** Blind scoring: true when the caller may not see the score figures yet (see RankingService.mask). */
  scoresHidden: boolean;
};

export type PublicCandidatureView = {
  id: string;
  call: ReturnType<CandidaturesService['publicCall']>;
  status: CandidatureStatus;
  communes: Commune[];
  inhabitants: number;
  intention: Intention;
  engagement: Engagement | null;
  intentionOpen: boolean;
  engagementOpen: boolean;
  engagementLastDay: string;
};

type Row = {
  id: string;
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
  created_at: Date;
  min_inhabitants: number;
  max_inhabitants: number;
  pilot_id: string | null;
  scores: Scores[];
  committee_size: number;
};

const ROW_SELECT = `SELECT k.*, c.title AS call_title, c.min_inhabitants, c.max_inhabitants, p.id AS pilot_id,
  COALESCE((SELECT json_agg(json_build_object('size', e.size, 'grouping', e."grouping", 'cooperation', e.cooperation, 'actors', e.actors,
      'values', e."values", 'capacity', e.capacity, 'leadership', e.leadership) ORDER BY e.created_at)
    FROM candidature_evaluations e WHERE e.candidature_id = k.id), '[]'::json) AS scores,
  (SELECT count(DISTINCT u.id)::int FROM users u
    WHERE ((u.role = 'committee' AND u.active)
       OR u.id IN (SELECT e.member_id FROM candidature_evaluations e JOIN candidatures kk ON kk.id = e.candidature_id WHERE kk.call_id = k.call_id))
      -- A recused member is not expected to score this candidature.
      AND NOT EXISTS (SELECT 1 FROM candidature_conflicts d WHERE d.candidature_id = k.id AND d.member_id = u.id AND d.has_conflict)) AS committee_size
  FROM candidatures k JOIN calls c ON c.id = k.call_id LEFT JOIN pilots p ON p.candidature_id = k.id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

function normaliseEngagement(e: EngagementInput): Engagement {
  return {
    hybridPolicies: [...new Set(e.hybridPolicies)],
    articulation: e.articulation ?? '',
    description: e.description,
    contribution: e.contribution ?? '',
    actors: (e.actors ?? []).map((a: CandidatureActor) => ({
      name: a.name,
      type: a.type,
      ...(a.canBring ? { canBring: a.canBring } : {}),
    })),
    contributions: e.contributions ?? '',
    existingLinks: e.existingLinks ?? '',
    citizenInvolvement: e.citizenInvolvement,
    involvementPoints: e.involvementPoints ?? '',
    district: e.district ?? '',
    place: e.place ?? '',
    coordinator: e.coordinator ?? '',
    communeCommitment: e.communeCommitment ?? '',
    needs: e.needs ?? '',
    risks: e.risks ?? '',
    mitigations: e.mitigations ?? '',
    resources: e.resources ?? '',
  };
}

const communesOf = (cs: Commune[]) =>
  cs.map((c) => ({ name: c.name, ...(c.inseeCode ? { inseeCode: c.inseeCode } : {}) }));

/** A candidature received (intention letter) or decided, after its transaction committed. */
export type CandidatureEvent = { type: 'received' | 'decided'; candidatureId: string };
export type CandidatureListener = (event: CandidatureEvent) => Promise<unknown>;

@Injectable()
export class CandidaturesService {
  private readonly logger = new Logger(CandidaturesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly calls: CallsService,
    private readonly pilots: PilotsService,
  ) {}

  private readonly listeners: CandidatureListener[] = [];

  /**
   * Features that react to a candidature received or decided (notifications) register here; they run after the
   * change has committed, and their failure never undoes it nor reaches the caller.
   */
  onEvent(listener: CandidatureListener): void {
    this.listeners.push(listener);
  }

  private async emit(event: CandidatureEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (e) {
        this.logger.warn(`Candidature ${event.type} listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  // ---------- Views ----------

  private toView(r: Row): CandidatureView {
    const decided = !UNDECIDED.includes(r.status);
    return {
      id: r.id,
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
      createdAt: new Date(r.created_at).toISOString(),
      scoresHidden: false,
      ...scoreStats(r.scores, r.committee_size),
    };
  }

  /** The call as the public form needs it: dates, bounds, webinars, contact — no counts, no rates. */
  publicCall(call: Call) {
    return {
      id: call.id,
      title: call.title,
      waveYear: call.waveYear,
      intentionDeadline: call.intentionDeadline,
      engagementDeadline: call.engagementDeadline,
      intentionOpen: call.intentionOpen,
      engagementOpen: call.engagementOpen,
      minInhabitants: call.minInhabitants,
      maxInhabitants: call.maxInhabitants,
      webinars: call.webinars,
      contact: call.contact,
    };
  }

  async getPublicCall(callId: string, opts: ClockOptions = {}) {
    return this.publicCall(await this.calls.get(callId, this.db.manager, opts));
  }

  private async row(m: EntityManager, target: Target, lock = false): Promise<Row> {
    const where = 'id' in target ? 'k.id = $1' : 'k.edit_token_hash = $1';
    let param: string | Buffer;
    if ('id' in target) param = target.id;
    else {
      if (!TOKEN_FORMAT.test(target.editToken)) throw this.badToken();
      param = hashToken(target.editToken);
    }
    // FOR UPDATE OF k: two concurrent decisions on one candidature run one after the other.
    const rows: Row[] = await m.query(`${ROW_SELECT} WHERE ${where}${lock ? ' FOR UPDATE OF k' : ''}`, [param]);
    if (!rows[0])
      throw 'id' in target
        ? new CandidaturesException(CandidaturesErrorCode.CandidatureNotFound, 'Candidature not found')
        : this.badToken();
    return rows[0];
  }

  private badToken() {
    return new CandidaturesException(
      CandidaturesErrorCode.InvalidEditToken,
      'Ce lien de candidature est invalide ou a expiré.',
    );
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<CandidatureView> {
    return this.toView(await this.row(m, { id }));
  }

  async getPublic(
    editToken: string,
    opts: ClockOptions = {},
    m: EntityManager = this.db.manager,
  ): Promise<PublicCandidatureView> {
    const r = await this.row(m, { editToken });
    const call = await this.calls.get(r.call_id, m, opts);
    const now = opts.now ?? new Date();
    const undecided = UNDECIDED.includes(r.status);
    return {
      id: r.id,
      call: this.publicCall(call),
      status: r.status,
      communes: r.communes,
      inhabitants: r.inhabitants,
      intention: r.intention,
      engagement: r.engagement,
      intentionOpen: undecided && isPhaseOpen(call.intentionDeadline, now, r.intention_reopened_until),
      engagementOpen: undecided && isPhaseOpen(call.engagementDeadline, now, r.engagement_reopened_until),
      engagementLastDay:
        r.engagement_reopened_until && r.engagement_reopened_until > call.engagementDeadline
          ? r.engagement_reopened_until
          : call.engagementDeadline,
    };
  }

  async listForCall(callId: string, query: { limit?: number; cursor?: string }): Promise<Page<CandidatureView>> {
    await this.calls.get(callId);
    const limit = query.limit ?? 50;
    const key = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const rows: Row[] = await this.db.query(
      `${ROW_SELECT} WHERE k.call_id = $1 AND ($2::timestamptz IS NULL OR (k.created_at, k.id) > ($2::timestamptz, $3::uuid))
        ORDER BY k.created_at, k.id LIMIT $4`,
      [callId, key ? String(key[0]) : null, key ? String(key[1]) : null, limit + 1],
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    // The cursor keeps PostgreSQL's microseconds so no row is skipped or repeated.
    const lastKey = last
      ? ((await this.db.query(`SELECT created_at::text AS t FROM candidatures WHERE id = $1`, [last.id]))[0]
          ?.t as string)
      : null;
    return {
      items: page.map((r) => this.toView(r)),
      nextCursor: more && last ? encodeCursor([lastKey, last.id]) : null,
    };
  }

  /** Every candidature of a call (for exports), in submission order. */
  async allForCall(callId: string): Promise<CandidatureView[]> {
    await this.calls.get(callId);
    const rows: Row[] = await this.db.query(`${ROW_SELECT} WHERE k.call_id = $1 ORDER BY k.created_at, k.id`, [callId]);
    return rows.map((r) => this.toView(r));
  }

  // ---------- Letters ----------

  /**
   * A letter of intention, through the public form ('online') or entered by the lead from an e-mail ('entered').
   * The private link is returned once; only its SHA-256 is kept.
   */
  async submitIntention(
    ctx: RequestContext,
    callId: string,
    input: IntentionInput,
    source: 'online' | 'entered',
    opts: ClockOptions = {},
  ): Promise<{ id: string; status: CandidatureStatus; eligibility: Eligibility; editToken: string }> {
    const now = opts.now ?? new Date();
    const out = await this.db.transaction(async (m) => {
      const call = await this.calls.get(callId, m, opts);
      if (source === 'online') await this.throttle(m, ctx);
      if (!isPhaseOpen(call.intentionDeadline, now)) throw this.deadlinePassed('intention', call.intentionDeadline);
      const editToken = randomBytes(32).toString('base64url');
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO candidatures (call_id, source, communes, inhabitants, contact_name, contact_email, intention, edit_token_hash,
           intention_submitted_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          callId,
          source,
          JSON.stringify(communesOf(input.communes)),
          input.inhabitants,
          input.contactName || null,
          input.contactEmail || null,
          JSON.stringify(input.intention),
          hashToken(editToken),
          now,
          ctx.user?.id ?? null,
        ],
      );
      const elig = eligibility(input.inhabitants, call);
      await this.audit.record(m, ctx, {
        action: source === 'online' ? 'candidature.public_submit' : 'candidature.create',
        entity: 'candidature',
        entityId: row.id,
        after: { callId, communes: input.communes, inhabitants: input.inhabitants, source, inBounds: elig.inBounds },
      });
      return { id: row.id, status: 'intention_submitted' as const, eligibility: elig, editToken };
    });
    await this.emit({ type: 'received', candidatureId: out.id });
    return out;
  }

  /**
   * Reserves one of the IP's submissions for the hour, in the submission's transaction: the counter row
   * stays locked until it commits, so parallel posts and several processes count exactly, and a
   * submission refused later (validation, deadline) gives its place back by rolling back.
   */
  private async throttle(m: EntityManager, ctx: RequestContext): Promise<void> {
    if (!ctx.ip) return;
    const r = await reserveInWindow(m, `public-submit:ip:${ctx.ip}`, PUBLIC_SUBMISSIONS_PER_HOUR, 3600);
    if (!r.allowed) {
      throw new CandidaturesException(
        CandidaturesErrorCode.TooManySubmissions,
        'Too many submissions from this address in an hour',
        undefined,
        r.retryAfterSeconds,
      );
    }
  }

  private deadlinePassed(phase: Phase, lastDay: string) {
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

  private lastDay(deadline: string, reopened: string | null): string {
    return reopened && reopened > deadline ? reopened : deadline;
  }

  private assertUndecided(r: Row): void {
    if (!UNDECIDED.includes(r.status)) {
      throw new CandidaturesException(
        CandidaturesErrorCode.AlreadyDecided,
        'La décision sur cette candidature est déjà prise : elle ne peut plus être modifiée.',
      );
    }
  }

  /** Amends the letter of intention while its phase is open (or reopened for this candidature). */
  async amendIntention(
    ctx: RequestContext,
    target: Target,
    input: IntentionInput,
    opts: ClockOptions = {},
  ): Promise<{ id: string }> {
    const now = opts.now ?? new Date();
    return this.db.transaction(async (m) => {
      const r = await this.row(m, target, true);
      this.assertUndecided(r);
      const call = await this.calls.get(r.call_id, m, opts);
      if (!isPhaseOpen(call.intentionDeadline, now, r.intention_reopened_until)) {
        throw this.deadlinePassed('intention', this.lastDay(call.intentionDeadline, r.intention_reopened_until));
      }
      await m.query(
        `UPDATE candidatures SET communes = $2, inhabitants = $3, intention = $4, contact_name = COALESCE($5, contact_name),
           contact_email = COALESCE($6, contact_email), intention_submitted_at = $7, updated_at = now() WHERE id = $1`,
        [
          r.id,
          JSON.stringify(communesOf(input.communes)),
          input.inhabitants,
          JSON.stringify(input.intention),
          input.contactName || null,
          input.contactEmail || null,
          now,
        ],
      );
      await this.audit.record(m, ctx, {
        action: 'candidature.intention_amend',
        entity: 'candidature',
        entityId: r.id,
        before: { communes: r.communes, inhabitants: r.inhabitants, intention: r.intention },
        after: {
          communes: input.communes,
          inhabitants: input.inhabitants,
          intention: input.intention,
          via: 'id' in target ? 'lead' : 'private_link',
        },
      });
      return { id: r.id };
    });
  }

  /** The letter of engagement; resubmitting before the deadline replaces it. */
  async submitEngagement(
    ctx: RequestContext,
    target: Target,
    input: EngagementInput,
    opts: ClockOptions = {},
  ): Promise<{ id: string }> {
    const now = opts.now ?? new Date();
    return this.db.transaction(async (m) => {
      const r = await this.row(m, target, true);
      this.assertUndecided(r);
      const call = await this.calls.get(r.call_id, m, opts);
      if (!isPhaseOpen(call.engagementDeadline, now, r.engagement_reopened_until)) {
        throw this.deadlinePassed('engagement', this.lastDay(call.engagementDeadline, r.engagement_reopened_until));
      }
      const engagement = normaliseEngagement(input);
      await m.query(
        `UPDATE candidatures SET engagement = $2, status = 'engagement_submitted', engagement_submitted_at = $3,
           communes = COALESCE($4::jsonb, communes), inhabitants = COALESCE($5, inhabitants), updated_at = now() WHERE id = $1`,
        [
          r.id,
          JSON.stringify(engagement),
          now,
          input.communes ? JSON.stringify(communesOf(input.communes)) : null,
          input.inhabitants ?? null,
        ],
      );
      await this.audit.record(m, ctx, {
        action: 'candidature.engagement_submit',
        entity: 'candidature',
        entityId: r.id,
        before: { status: r.status, engagement: r.engagement },
        after: {
          status: 'engagement_submitted',
          engagement,
          via: 'id' in target ? 'lead' : 'private_link',
          ...(input.inhabitants !== undefined ? { inhabitants: input.inhabitants } : {}),
        },
      });
      return { id: r.id };
    });
  }

  /** The lead gives one candidature more time for a phase; the reason goes to the audit trail. */
  async reopen(
    ctx: RequestContext,
    id: string,
    input: { phase: Phase; reason: string; until?: string },
    opts: ClockOptions = {},
  ): Promise<CandidatureView> {
    const today = todayInFrance(opts.now ?? new Date());
    const until = input.until ?? addDays(today, 14);
    if (until < today) {
      throw new CandidaturesException(
        CandidaturesErrorCode.InvalidReopen,
        'A phase cannot be reopened until a day already past',
        [{ field: 'until', code: 'in_the_past', message: 'until must be today or later (Paris time)' }],
      );
    }
    return this.db.transaction(async (m) => {
      const r = await this.row(m, { id }, true);
      this.assertUndecided(r);
      const column = input.phase === 'intention' ? 'intention_reopened_until' : 'engagement_reopened_until';
      await m.query(`UPDATE candidatures SET ${column} = $2, updated_at = now() WHERE id = $1`, [id, until]);
      await this.audit.record(m, ctx, {
        action: 'candidature.reopen',
        entity: 'candidature',
        entityId: id,
        before: {
          phase: input.phase,
          reopenedUntil: input.phase === 'intention' ? r.intention_reopened_until : r.engagement_reopened_until,
        },
        after: { phase: input.phase, reopenedUntil: until, reason: input.reason },
      });
      return this.get(id, m);
    });
  }

  // ---------- Decision ----------

  /**
   * The lead's decision after the General Assembly. Selecting creates the pilot in the same transaction,
   * carrying everything over from the letters; the candidature row is locked so two decisions cannot race.
   */
  async decide(
    ctx: RequestContext,
    id: string,
    input: DecisionInput,
  ): Promise<{ id: string; status: CandidatureStatus; pilotId: string | null }> {
    const out = await this.db.transaction(async (m) => {
      const r = await this.row(m, { id }, true);
      this.assertUndecided(r);
      const call = await this.calls.get(r.call_id, m);
      const elig = eligibility(r.inhabitants, call);
      if (input.decision === 'selected') {
        if (r.status !== 'engagement_submitted' || !r.engagement) {
          throw new CandidaturesException(
            CandidaturesErrorCode.EngagementMissing,
            'Only a candidature with its letter of engagement can be selected',
          );
        }
        if (!elig.inBounds && !input.justification) {
          throw new CandidaturesException(
            CandidaturesErrorCode.JustificationRequired,
            `${r.inhabitants} inhabitants is outside the call's bounds (${call.minInhabitants}–${call.maxInhabitants}): selecting it needs a justification`,
            [
              {
                field: 'justification',
                code: 'required',
                message: 'justification is required to select a candidature out of bounds',
              },
            ],
          );
        }
      }
      await m.query(
        `UPDATE candidatures SET status = $2, deliberation_number = $3, deliberation_date = $4, justification = $5, decided_at = now(),
           decided_by = $6, updated_at = now() WHERE id = $1`,
        [
          id,
          input.decision,
          input.deliberationNumber,
          input.deliberationDate,
          input.justification ?? null,
          ctx.user?.id ?? null,
        ],
      );
      let pilotId: string | null = null;
      if (input.decision === 'selected') {
        const pilot = await this.pilots.create(ctx, this.pilotInput(r, r.engagement as Engagement, call, input), m);
        pilotId = pilot.id;
      }
      await this.audit.record(m, ctx, {
        action: 'candidature.decide',
        entity: 'candidature',
        entityId: id,
        pilotId,
        before: { status: r.status },
        after: {
          status: input.decision,
          deliberationNumber: input.deliberationNumber,
          deliberationDate: input.deliberationDate,
          inBounds: elig.inBounds,
          ...(input.justification ? { justification: input.justification } : {}),
          ...(pilotId ? { pilotId } : {}),
        },
      });
      return { id, status: input.decision, pilotId };
    });
    await this.emit({ type: 'decided', candidatureId: id });
    return out;
  }

  /** Everything the pilot needs from the letters, so nothing is retyped. */
  private pilotInput(r: Row, e: Engagement, call: Call, d: DecisionInput): CreatePilotInput {
    return {
      name: `Projet K — ${r.communes.map((c) => c.name).join(', ')}`.slice(0, 200),
      communes: r.communes,
      inhabitants: r.inhabitants,
      inhabitantsSource: `Candidature à l'appel « ${call.title} » (${r.engagement_submitted_at ? "lettre d'engagement" : "lettre d'intention"})`,
      startDate: d.pilotStartDate ?? null,
      callId: call.id,
      candidatureId: r.id,
      waveYear: call.waveYear,
      investmentPerInhabitantCents: call.investmentPerInhabitantCents,
      operatingPerInhabitantPerYearCents: call.operatingPerInhabitantPerYearCents,
      operatingYears: call.operatingYears,
      policies: [...new Set<string>(['waste_reduction', ...e.hybridPolicies])],
      district: e.district || null,
      place: e.place || null,
      coordinatorContact: e.coordinator || r.contact_email || null,
      // One actor per name in the pilot, even if the letter named it twice.
      actors: [...new Map(e.actors.map((a) => [a.name.toLowerCase(), a])).values()].map((a) => ({
        name: a.name,
        type: a.type,
        description: a.canBring ?? null,
        contact: null,
      })),
      carried: {
        specifics: r.intention.specifics,
        values: r.intention.values,
        stakes: r.intention.stakes,
        zeroWasteCommune: r.intention.zeroWasteCommune,
        articulation: e.articulation,
        description: e.description,
        contribution: e.contribution,
        contributions: e.contributions,
        existingLinks: e.existingLinks,
        citizenInvolvement: e.citizenInvolvement,
        involvementPoints: e.involvementPoints,
        communeCommitment: e.communeCommitment,
        needs: e.needs,
        risks: e.risks,
        mitigations: e.mitigations,
        resources: e.resources,
        contactName: r.contact_name,
        contactEmail: r.contact_email,
        deliberationNumber: d.deliberationNumber,
        deliberationDate: d.deliberationDate,
        ...(d.justification ? { justification: d.justification } : {}),
      },
    };
  }
}
