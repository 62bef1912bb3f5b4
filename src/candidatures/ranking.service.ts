import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../auth/auth.types';
import { CandidaturesService, CandidatureView } from './candidatures.service';
import { CRITERIA, Scores } from './candidatures.types';
import { scoresVisible, viewerStates } from './committee.access';
import { CommitteeService, EvaluationView } from './committee.service';
import { criterionMeans, rankOrder } from './scoring';

export type MemberState = 'scored' | 'recused' | 'pending';

/** The ranking and the score lists, as the caller may see them under blind scoring. */
@Injectable()
export class RankingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly candidatures: CandidaturesService,
    private readonly committee: CommitteeService,
  ) {}

  /** Hides the score figures of candidatures the caller may not see yet (the count of scores stays). */
  async mask<T extends CandidatureView>(ctx: RequestContext, views: T[]): Promise<T[]> {
    const states = await viewerStates(
      this.db.manager,
      ctx.user?.id ?? null,
      views.map((v) => v.id),
    );
    return views.map((v) =>
      scoresVisible(ctx, states.get(v.id))
        ? { ...v, scoresHidden: false }
        : { ...v, averageScore: null, spread: null, scoresHidden: true },
    );
  }

  async ranking(ctx: RequestContext, callId: string) {
    const items = await this.mask(ctx, await this.candidatures.allForCall(callId));
    const ids = items.map((i) => i.id);
    const evaluations = await this.committee.evaluationRows(this.db.manager, ids);
    const members: { id: string; name: string; committee: boolean }[] = await this.db.query(
      `SELECT u.id, u.name,
              (u.role = 'committee' AND u.active)
                OR u.id IN (SELECT e.member_id FROM candidature_evaluations e WHERE e.candidature_id = ANY($1::uuid[])) AS committee
         FROM users u
        WHERE (u.role = 'committee' AND u.active)
           OR u.id IN (SELECT e.member_id FROM candidature_evaluations e WHERE e.candidature_id = ANY($1::uuid[]))
           OR u.id IN (SELECT d.member_id FROM candidature_conflicts d WHERE d.candidature_id = ANY($1::uuid[]))
        ORDER BY u.name, u.id`,
      [ids],
    );
    const recused: { candidature_id: string; member_id: string }[] = await this.db.query(
      `SELECT candidature_id, member_id FROM candidature_conflicts WHERE has_conflict AND candidature_id = ANY($1::uuid[])`,
      [ids],
    );
    const isRecused = new Set(recused.map((r) => `${r.candidature_id}/${r.member_id}`));
    // The call's committee: everyone who may score one of its candidatures (the items' N leaves out the recused).
    const committeeSize = members.filter((u) => u.committee).length;
    return {
      callId,
      criteria: [...CRITERIA],
      committeeSize,
      members: members.map((u) => ({ memberId: u.id, memberName: u.name })),
      items: rankOrder(items).map((c, i) => {
        const mine = evaluations.filter((e) => e.candidatureId === c.id);
        return {
          rank: i + 1,
          candidatureId: c.id,
          communes: c.communes,
          inhabitants: c.inhabitants,
          status: c.status,
          eligibility: c.eligibility,
          averageScore: c.averageScore,
          spread: c.spread,
          evaluationCount: c.evaluationCount,
          committeeSize: c.committeeSize,
          scoresHidden: c.scoresHidden,
          criteria: c.scoresHidden
            ? (Object.fromEntries(CRITERIA.map((k) => [k, null])) as Record<string, number | null>)
            : criterionMeans(mine.map((e) => e.scores as Scores)),
          members: members.map((u) => {
            const e = mine.find((x) => x.memberId === u.id);
            const state: MemberState = isRecused.has(`${c.id}/${u.id}`) ? 'recused' : e ? 'scored' : 'pending';
            return { memberId: u.id, state, average: e && !c.scoresHidden ? e.average : null };
          }),
        };
      }),
    };
  }

  /** Every evaluation of a call the caller may see (for the scores export). */
  async evaluationsForCall(ctx: RequestContext, callId: string): Promise<(EvaluationView & { communes: string })[]> {
    const items = await this.mask(ctx, await this.candidatures.allForCall(callId));
    const visible = items.filter((c) => !c.scoresHidden);
    const rows = await this.committee.evaluationRows(
      this.db.manager,
      visible.map((c) => c.id),
    );
    const names = new Map(visible.map((c) => [c.id, c.communes.map((x) => x.name).join(', ')]));
    return rows.map((e) => ({ ...e, communes: names.get(e.candidatureId) ?? '' }));
  }
}
