import { ApiProperty } from '@nestjs/swagger';
import { PARTICIPATION_LEVELS, ParticipationLevel, POLICIES, Policy } from '../common/codes';
import { PublicCallDto } from './calls.dto';
import { CANDIDATURE_STATUSES, CandidatureStatus, DECISIONS, Decision } from './candidatures.types';
import { CandidatureActorDto, CommuneDto, IntentionDto } from './letters.dto';

/** What the API answers about candidatures: the lead's and the committee's view, and the commune's. */

export class EligibilityDto {
  @ApiProperty() inBounds: boolean;
  @ApiProperty() minInhabitants: number;
  @ApiProperty() maxInhabitants: number;
  @ApiProperty() inhabitants: number;
}

export class CreatedCandidatureDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'K-2026-0007', description: 'The dossier number, quoted in every exchange' })
  dossierNumber: string;
  @ApiProperty({ enum: CANDIDATURE_STATUSES }) status: CandidatureStatus;
  @ApiProperty({ type: EligibilityDto }) eligibility: EligibilityDto;
  @ApiProperty({
    description: 'The commune’s private key to complete the letter of engagement; shown only in this response',
  })
  editToken: string;
}

export class EngagementViewDto {
  @ApiProperty({ enum: POLICIES, isArray: true }) hybridPolicies: Policy[];
  @ApiProperty() articulation: string;
  @ApiProperty() description: string;
  @ApiProperty() contribution: string;
  @ApiProperty({ type: [CandidatureActorDto] }) actors: CandidatureActorDto[];
  @ApiProperty() contributions: string;
  @ApiProperty() existingLinks: string;
  @ApiProperty({ enum: PARTICIPATION_LEVELS }) citizenInvolvement: ParticipationLevel;
  @ApiProperty() involvementPoints: string;
  @ApiProperty() district: string;
  @ApiProperty() place: string;
  @ApiProperty() coordinator: string;
  @ApiProperty() communeCommitment: string;
  @ApiProperty() needs: string;
  @ApiProperty() risks: string;
  @ApiProperty() mitigations: string;
  @ApiProperty() resources: string;
}

export class ScoreStatsDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Mean over members of their mean criterion score (0–5)' })
  averageScore: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Highest minus lowest member mean' }) spread: number | null;
  @ApiProperty() evaluationCount: number;
  @ApiProperty({ description: 'Active committee members (the N of "n/N scored")' }) committeeSize: number;
}

export class DecisionViewDto {
  @ApiProperty({ enum: DECISIONS }) decision: Decision;
  @ApiProperty({ nullable: true, type: String }) deliberationNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) deliberationDate: string | null;
  @ApiProperty({ nullable: true, type: String }) justification: string | null;
  @ApiProperty() decidedAt: string;
}

export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() filename: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() createdAt: string;
}

export class CandidatureDto extends ScoreStatsDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'K-2026-0007' }) dossierNumber: string;
  @ApiProperty() callId: string;
  @ApiProperty() callTitle: string;
  @ApiProperty({ enum: CANDIDATURE_STATUSES }) status: CandidatureStatus;
  @ApiProperty({ enum: ['online', 'entered'] }) source: 'online' | 'entered';
  @ApiProperty({ type: [CommuneDto] }) communes: CommuneDto[];
  @ApiProperty() inhabitants: number;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ type: EligibilityDto }) eligibility: EligibilityDto;
  @ApiProperty({ type: IntentionDto }) intention: IntentionDto;
  @ApiProperty({ type: EngagementViewDto, nullable: true }) engagement: EngagementViewDto | null;
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiProperty() intentionSubmittedAt: string;
  @ApiProperty({ nullable: true, type: String }) engagementSubmittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) intentionReopenedUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) engagementReopenedUntil: string | null;
  @ApiProperty({ type: DecisionViewDto, nullable: true }) decision: DecisionViewDto | null;
  @ApiProperty({ nullable: true, type: String }) pilotId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the retention rule erased its personal data (non-selected, past the retention period)',
  })
  personalDataErasedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'True when the caller may not see the scores yet (blind scoring)' })
  scoresHidden: boolean;
}

export class CandidaturePageDto {
  @ApiProperty({ type: [CandidatureDto] }) items: CandidatureDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** What the commune sees through its private link. */
export class PublicCandidatureDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'K-2026-0007' }) dossierNumber: string;
  @ApiProperty({ type: PublicCallDto }) call: PublicCallDto;
  @ApiProperty({ enum: CANDIDATURE_STATUSES }) status: CandidatureStatus;
  @ApiProperty({ type: [CommuneDto] }) communes: CommuneDto[];
  @ApiProperty() inhabitants: number;
  @ApiProperty({ type: IntentionDto }) intention: IntentionDto;
  @ApiProperty({ type: EngagementViewDto, nullable: true }) engagement: EngagementViewDto | null;
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiProperty({ description: 'An e-mail address is on file (needed for the letter of engagement)' })
  hasContactEmail: boolean;
  @ApiProperty({ description: 'The letter of intention may still be amended' }) intentionOpen: boolean;
  @ApiProperty({ description: 'The letter of engagement may be submitted (or resubmitted)' }) engagementOpen: boolean;
  @ApiProperty({ description: 'Last day the letter of engagement is accepted (a reopening included)' })
  engagementLastDay: string;
}

export class RecoveryAnswerDto {
  @ApiProperty({
    description: 'Always the same sentence, whether or not the address is on file (no enumeration)',
  })
  message: string;
}

export class RetentionRunDto {
  @ApiProperty({ description: 'Candidatures whose personal data were erased by this run' }) erased: number;
  @ApiProperty() attachmentsRemoved: number;
}
