import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { PilotsService } from '../pilots/pilots.service';
import type { CreatePilotInput } from '../pilots/pilots.types';
import { CallsService } from './calls.service';
import { CandidaturesErrorCode, CandidaturesException } from './candidatures.exception';
import { CandidaturesService } from './candidatures.service';
import type { Call, CandidatureStatus, Decision, Engagement } from './candidatures.types';
import { assertUndecided, loadRow, Row } from './candidature-rows';
import { eligibility } from './scoring';

export type DecisionInput = {
  decision: Decision;
  deliberationNumber: string;
  deliberationDate: string;
  justification?: string;
  pilotStartDate?: string;
};

/** The lead's decision on a candidature after the General Assembly; a selection becomes a pilot. */
@Injectable()
export class CandidatureDecisionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly calls: CallsService,
    private readonly pilots: PilotsService,
    private readonly candidatures: CandidaturesService,
  ) {}

  /**
   * Selecting creates the pilot in the same transaction, carrying everything over from the letters; the
   * candidature row is locked so two decisions cannot race.
   */
  async decide(
    ctx: RequestContext,
    id: string,
    input: DecisionInput,
  ): Promise<{ id: string; status: CandidatureStatus; pilotId: string | null }> {
    const out = await this.db.transaction(async (m) => {
      const r = await loadRow(m, { id }, true);
      assertUndecided(r);
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
        const pilot = await this.pilots.create(ctx, pilotInput(r, r.engagement as Engagement, call, input), m);
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
    await this.candidatures.emit({ type: 'decided', candidatureId: id });
    return out;
  }
}

/** Everything the pilot needs from the letters, so nothing is retyped. */
function pilotInput(r: Row, e: Engagement, call: Call, d: DecisionInput): CreatePilotInput {
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
