import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { addDays } from '../pilots/pilot-terms';
import { CallsService } from './calls.service';
import { CandidaturesErrorCode, CandidaturesException } from './candidatures.exception';
import { CandidaturesService } from './candidatures.service';
import type { CandidatureActor, ClockOptions, Commune, Engagement, Phase } from './candidatures.types';
import { assertUndecided, CandidatureView, communesOf, loadRow, lockForPhase, Target } from './candidature-rows';

export type EngagementInput = Partial<Omit<Engagement, 'hybridPolicies' | 'description' | 'citizenInvolvement'>> &
  Pick<Engagement, 'hybridPolicies' | 'description' | 'citizenInvolvement'> & {
    communes?: Commune[];
    inhabitants?: number;
    /** The commune's address, when none is on file yet: the engagement phase needs one. */
    contactEmail?: string;
  };

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

/** The candidature's second phase: the letter of engagement, and the lead's reopening of a phase. */
@Injectable()
export class CandidatureEngagementService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly calls: CallsService,
    private readonly candidatures: CandidaturesService,
  ) {}

  /**
   * The letter of engagement; resubmitting before the deadline replaces it. Through the private link it needs an
   * e-mail address (given now or with the letter of intention): decisions and new links go there.
   */
  async submitEngagement(
    ctx: RequestContext,
    target: Target,
    input: EngagementInput,
    opts: ClockOptions = {},
  ): Promise<{ id: string }> {
    const now = opts.now ?? new Date();
    return this.db.transaction(async (m) => {
      const { r } = await lockForPhase(m, this.calls, target, 'engagement', opts);
      if ('editToken' in target && !input.contactEmail && !r.contact_email) {
        throw new CandidaturesException(
          CandidaturesErrorCode.ContactEmailRequired,
          'An e-mail address is required for the engagement phase',
          [{ field: 'contactEmail', code: 'required', message: 'contactEmail is required for the engagement phase' }],
        ).withFrenchDetail(
          "Indiquez une adresse électronique pour déposer la lettre d'engagement : la décision et, en cas de lien perdu, un nouveau lien y seront envoyés.",
        );
      }
      const engagement = normaliseEngagement(input);
      await m.query(
        `UPDATE candidatures SET engagement = $2, status = 'engagement_submitted', engagement_submitted_at = $3,
           communes = COALESCE($4::jsonb, communes), inhabitants = COALESCE($5, inhabitants),
           contact_email = COALESCE($6, contact_email), updated_at = now() WHERE id = $1`,
        [
          r.id,
          JSON.stringify(engagement),
          now,
          input.communes ? JSON.stringify(communesOf(input.communes)) : null,
          input.inhabitants ?? null,
          input.contactEmail || null,
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
          ...(input.contactEmail ? { contactEmail: input.contactEmail } : {}),
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
      const r = await loadRow(m, { id }, true);
      assertUndecided(r);
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
      return this.candidatures.get(id, m);
    });
  }
}
