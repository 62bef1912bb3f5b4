import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { isLead, RequestContext } from '../auth/auth.types';
import { addDays } from '../pilots/pilot-terms';
import { CallsService } from './calls.service';
import { CandidaturesErrorCode, CandidaturesException } from './candidatures.exception';
import { Call, CandidatureStatus, ClockOptions, CRITERIA, Scores } from './candidatures.types';
import { scoresVisible, viewerStates } from './committee.access';
import { frenchDate } from '../common/format-fr';
import { isPhaseOpen } from './deadline';
import { memberMean } from './scoring';

export const CONFLICT_LINKS = ['elected', 'employee', 'family', 'other'] as const;
export type ConflictLink = (typeof CONFLICT_LINKS)[number];
export type DeclarationInput = { hasConflict: boolean; link?: ConflictLink; reason?: string };

export type DeclarationView = {
  candidatureId: string;
  memberId: string;
  memberName: string;
  hasConflict: boolean;
  link: ConflictLink | null;
  reason: string;
  updatedAt: string;
};

export type EvaluationView = {
  id: string;
  candidatureId: string;
  memberId: string;
  memberName: string;
  scores: Scores;
  average: number;
  comment: string;
  createdAt: string;
  updatedAt: string;
};

type Target = {
  id: string;
  call_id: string;
  status: CandidatureStatus;
  engaged: boolean;
  engagement_reopened_until: string | null;
};

const UNDECIDED: CandidatureStatus[] = ['intention_submitted', 'engagement_submitted'];
const SCORE_COLUMNS = `e.size, e."grouping", e.cooperation, e.actors, e."values", e.capacity, e.leadership`;

const notFound = () => new CandidaturesException(CandidaturesErrorCode.CandidatureNotFound, 'Candidature not found');

/** The committee's side of a candidature: conflict declarations, blind scores, when scoring opens. */
@Injectable()
export class CommitteeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly calls: CallsService,
  ) {}

  private async target(m: EntityManager, id: string, lock = false): Promise<Target> {
    const [r]: Target[] = await m.query(
      `SELECT k.id, k.call_id, k.status, k.engagement IS NOT NULL AS engaged, k.engagement_reopened_until
         FROM candidatures k WHERE k.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!r) throw notFound();
    return r;
  }

  private assertUndecided(r: Target): void {
    if (!UNDECIDED.includes(r.status)) {
      throw new CandidaturesException(
        CandidaturesErrorCode.AlreadyDecided,
        'La décision sur cette candidature est déjà prise : elle ne peut plus être modifiée.',
      );
    }
  }

  /** Null when scoring is open, else the French reason it is not (yet). */
  scoringClosedReason(call: Call, r: Target, now: Date): string | null {
    if (!UNDECIDED.includes(r.status)) return 'La décision sur cette candidature est déjà prise.';
    if (call.scoringOpens === 'per_candidature') {
      return r.engaged ? null : 'La notation de cette candidature ouvrira dès que sa lettre d’engagement sera déposée.';
    }
    const lastDay =
      r.engagement_reopened_until && r.engagement_reopened_until > call.engagementDeadline
        ? r.engagement_reopened_until
        : call.engagementDeadline;
    if (isPhaseOpen(call.engagementDeadline, now, r.engagement_reopened_until)) {
      return `La notation ouvrira le ${frenchDate(addDays(lastDay, 1))}, une fois la phase des lettres d’engagement close (le ${frenchDate(lastDay)} à minuit, heure de Paris).`;
    }
    return r.engaged ? null : 'Cette candidature n’a pas déposé de lettre d’engagement : elle ne peut pas être notée.';
  }

  // ---------- Conflicts of interest ----------

  /**
   * A member's declaration for one candidature, which they may change until the decision. Declaring a
   * conflict recuses the member: a score they gave before is withdrawn in the same transaction.
   */
  async declare(ctx: RequestContext, id: string, input: DeclarationInput): Promise<DeclarationView> {
    const memberId = ctx.user?.id;
    if (!memberId) throw notFound();
    if (input.hasConflict && (!input.link || !input.reason?.trim())) {
      throw new CandidaturesException(
        CandidaturesErrorCode.InvalidDeclaration,
        'A declared conflict needs its kind and a short reason',
        [
          ...(!input.link ? [{ field: 'link', code: 'required', message: 'link is required with a conflict' }] : []),
          ...(!input.reason?.trim()
            ? [{ field: 'reason', code: 'required', message: 'reason is required with a conflict' }]
            : []),
        ],
      );
    }
    const link = input.hasConflict ? (input.link ?? null) : null;
    const reason = (input.reason ?? '').trim();
    return this.db.transaction(async (m) => {
      const r = await this.target(m, id, true);
      this.assertUndecided(r);
      const [before]: { has_conflict: boolean; link: string | null; reason: string }[] = await m.query(
        `SELECT has_conflict, link, reason FROM candidature_conflicts WHERE candidature_id = $1 AND member_id = $2`,
        [id, memberId],
      );
      await m.query(
        `INSERT INTO candidature_conflicts (candidature_id, member_id, has_conflict, link, reason) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (candidature_id, member_id) DO UPDATE SET has_conflict = EXCLUDED.has_conflict, link = EXCLUDED.link,
           reason = EXCLUDED.reason, updated_at = now()`,
        [id, memberId, input.hasConflict, link, reason],
      );
      let withdrawn: Record<string, unknown> | null = null;
      if (input.hasConflict) {
        const [gone]: [Record<string, unknown>[], number] = await m.query(
          `DELETE FROM candidature_evaluations e WHERE e.candidature_id = $1 AND e.member_id = $2
           RETURNING ${SCORE_COLUMNS}, e.comment`,
          [id, memberId],
        );
        withdrawn = gone[0] ?? null;
      }
      await this.audit.record(m, ctx, {
        action: 'candidature.conflict_declare',
        entity: 'candidature',
        entityId: id,
        before: before ? { hasConflict: before.has_conflict, link: before.link, reason: before.reason } : null,
        after: {
          hasConflict: input.hasConflict,
          link,
          reason,
          ...(withdrawn ? { withdrawnEvaluation: withdrawn } : {}),
        },
      });
      const [view] = (await this.declarationRows(m, id, memberId)) as DeclarationView[];
      return view;
    });
  }

  private async declarationRows(m: EntityManager, id: string, memberId: string | null): Promise<DeclarationView[]> {
    const rows: {
      member_id: string;
      member_name: string;
      has_conflict: boolean;
      link: ConflictLink | null;
      reason: string;
      updated_at: Date;
    }[] = await m.query(
      `SELECT d.member_id, u.name AS member_name, d.has_conflict, d.link, d.reason, d.updated_at
         FROM candidature_conflicts d JOIN users u ON u.id = d.member_id
        WHERE d.candidature_id = $1 AND ($2::uuid IS NULL OR d.member_id = $2) ORDER BY u.name, d.member_id`,
      [id, memberId],
    );
    return rows.map((d) => ({
      candidatureId: id,
      memberId: d.member_id,
      memberName: d.member_name,
      hasConflict: d.has_conflict,
      link: d.link,
      reason: d.reason,
      updatedAt: new Date(d.updated_at).toISOString(),
    }));
  }

  /** The lead reads every member's declaration; a member reads their own. */
  async declarations(ctx: RequestContext, id: string): Promise<DeclarationView[]> {
    await this.target(this.db.manager, id);
    return this.declarationRows(this.db.manager, id, isLead(ctx) ? null : (ctx.user?.id ?? null));
  }

  // ---------- Scores ----------

  /**
   * One evaluation per member: scoring again replaces the member's previous one, until the decision. Refused
   * before scoring opens, without a declaration, and for a recused member.
   */
  async evaluate(
    ctx: RequestContext,
    id: string,
    input: { scores: Scores; comment?: string },
    opts: ClockOptions = {},
  ): Promise<EvaluationView> {
    const memberId = ctx.user?.id;
    if (!memberId) throw notFound();
    return this.db.transaction(async (m) => {
      const r = await this.target(m, id, true);
      this.assertUndecided(r);
      const call = await this.calls.get(r.call_id, m, opts);
      const closed = this.scoringClosedReason(call, r, opts.now ?? new Date());
      if (closed) {
        throw new CandidaturesException(
          CandidaturesErrorCode.ScoringNotOpen,
          'Scoring is not open for this candidature',
        ).withFrenchDetail(closed);
      }
      const state = (await viewerStates(m, memberId, [id])).get(id);
      if (state?.recused) {
        throw new CandidaturesException(CandidaturesErrorCode.RecusedMember, 'The member declared a conflict');
      }
      if (!state?.declared) {
        throw new CandidaturesException(
          CandidaturesErrorCode.DeclarationRequired,
          'The member must declare whether they have a conflict first',
        );
      }
      const previous: (Scores & { comment: string })[] = await m.query(
        `SELECT ${SCORE_COLUMNS}, e.comment FROM candidature_evaluations e WHERE e.candidature_id = $1 AND e.member_id = $2`,
        [id, memberId],
      );
      const s = input.scores;
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO candidature_evaluations (candidature_id, member_id, size, "grouping", cooperation, actors, "values", capacity, leadership, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (candidature_id, member_id) DO UPDATE SET size = EXCLUDED.size, "grouping" = EXCLUDED."grouping",
           cooperation = EXCLUDED.cooperation, actors = EXCLUDED.actors, "values" = EXCLUDED."values", capacity = EXCLUDED.capacity,
           leadership = EXCLUDED.leadership, comment = EXCLUDED.comment, updated_at = now()
         RETURNING id`,
        [
          id,
          memberId,
          s.size,
          s.grouping,
          s.cooperation,
          s.actors,
          s.values,
          s.capacity,
          s.leadership,
          input.comment ?? '',
        ],
      );
      const after = { ...Object.fromEntries(CRITERIA.map((c) => [c, s[c]])), comment: input.comment ?? '' };
      await this.audit.record(m, ctx, {
        action: previous[0] ? 'candidature.evaluation_replace' : 'candidature.evaluate',
        entity: 'candidature',
        entityId: id,
        before: previous[0] ? { ...previous[0] } : null,
        after,
      });
      const [view] = (await this.evaluationRows(m, [id])).filter((e) => e.id === row.id);
      return view;
    });
  }

  async evaluationRows(m: EntityManager, ids: string[]): Promise<EvaluationView[]> {
    if (ids.length === 0) return [];
    const rows: (Scores & {
      id: string;
      candidature_id: string;
      member_id: string;
      member_name: string;
      comment: string;
      created_at: Date;
      updated_at: Date;
    })[] = await m.query(
      `SELECT e.id, e.candidature_id, e.member_id, u.name AS member_name, ${SCORE_COLUMNS}, e.comment, e.created_at, e.updated_at
         FROM candidature_evaluations e JOIN users u ON u.id = e.member_id
        WHERE e.candidature_id = ANY($1::uuid[]) ORDER BY e.created_at, e.id`,
      [ids],
    );
    return rows.map((r) => {
      const scores = Object.fromEntries(CRITERIA.map((c) => [c, r[c]])) as Scores;
      return {
        id: r.id,
        candidatureId: r.candidature_id,
        memberId: r.member_id,
        memberName: r.member_name,
        scores,
        average: Math.round(memberMean(scores) * 100) / 100,
        comment: r.comment,
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      };
    });
  }

  /** The scores of a candidature the caller may see: all for the lead, none for a member before scoring. */
  async evaluations(ctx: RequestContext, id: string): Promise<EvaluationView[]> {
    await this.target(this.db.manager, id);
    const state = (await viewerStates(this.db.manager, ctx.user?.id ?? null, [id])).get(id);
    if (!scoresVisible(ctx, state)) return [];
    return this.evaluationRows(this.db.manager, [id]);
  }

  /**
   * Everything one screen needs to score a candidature: whether scoring is open, the rubric, the caller's
   * declaration and score, the others' scores once visible, every declaration for the lead, and the next
   * candidature still to score.
   */
  async sheet(ctx: RequestContext, id: string) {
    const m = this.db.manager;
    const r = await this.target(m, id);
    const call = await this.calls.get(r.call_id, m);
    const memberId = ctx.user?.id ?? null;
    const state = (await viewerStates(m, memberId, [id])).get(id);
    const visible = scoresVisible(ctx, state);
    const all = await this.evaluationRows(m, [id]);
    const [mine] = await this.declarationRows(m, id, memberId);
    const queue: { id: string; done: boolean }[] = await m.query(
      `SELECT k.id, EXISTS (SELECT 1 FROM candidature_evaluations e WHERE e.candidature_id = k.id AND e.member_id = $2)
              OR EXISTS (SELECT 1 FROM candidature_conflicts d WHERE d.candidature_id = k.id AND d.member_id = $2 AND d.has_conflict) AS done
         FROM candidatures k WHERE k.call_id = $1 AND k.status IN ('intention_submitted', 'engagement_submitted')
        ORDER BY k.created_at, k.id`,
      [r.call_id, memberId],
    );
    const at = queue.findIndex((q) => q.id === id);
    const later = [...queue.slice(at + 1), ...queue.slice(0, Math.max(at, 0))];
    const next = later.find((q) => !q.done) ?? queue[at + 1] ?? null;
    const closed = this.scoringClosedReason(call, r, new Date());
    return {
      candidatureId: id,
      callId: r.call_id,
      scoringOpens: call.scoringOpens,
      scoringOpen: closed === null,
      scoringClosedReason: closed,
      rubric: call.rubric,
      declaration: mine ?? null,
      recused: state?.recused ?? false,
      myEvaluation: all.find((e) => e.memberId === memberId) ?? null,
      scoresVisible: visible,
      evaluations: visible ? all : [],
      evaluationCount: all.length,
      declarations: isLead(ctx) ? await this.declarationRows(m, id, null) : [],
      nextCandidatureId: next?.id ?? null,
    };
  }
}
